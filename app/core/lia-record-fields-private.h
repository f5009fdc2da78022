/* lia-record-fields-private.h — record fields described once, read, written and checked by table
 *
 * The notification records have many plain fields.  Each describes them in
 * a table of LiaFieldSpec; this reads them from JSON (strictly, naming the
 * field of each wrong value, or leniently from the store), writes them to
 * the body, checks required fields and limits, and frees them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lia-notification-types.h"
#include "lia-validation.h"

G_BEGIN_DECLS

typedef enum
{
  LIA_FIELD_STRING,   /* char *; max = characters */
  LIA_FIELD_INT,      /* int; min..max */
  LIA_FIELD_DOUBLE,   /* double; NAN when unset */
  LIA_FIELD_BOOL,     /* gboolean */
  LIA_FIELD_TIME,     /* GDateTime *, UTC */
  LIA_FIELD_ENUM,     /* int of enum_type, by nick */
  LIA_FIELD_POINT,    /* LiaNotifyPoint; lat NAN when unset */
  LIA_FIELD_POINTS,   /* GArray of LiaNotifyPoint; max = how many */
  LIA_FIELD_STRV,     /* char **; max = how many */
} LiaFieldKind;

typedef struct
{
  const char   *path;       /* JSON path; dots go into nested objects */
  LiaFieldKind  kind;
  gsize         offset;     /* in the instance struct */
  gboolean      required;
  gint64        min;
  gint64        max;
  GType       (*enum_type) (void);
} LiaFieldSpec;

/* Text limits, in characters. */
#define LIA_FIELD_SHORT_TEXT   200
#define LIA_FIELD_LONG_TEXT   4000

void     lia_fields_init        (gpointer            instance,
                                 const LiaFieldSpec *specs,
                                 guint               n_specs);
void     lia_fields_clear       (gpointer            instance,
                                 const LiaFieldSpec *specs,
                                 guint               n_specs);
void     lia_fields_serialize   (gpointer            instance,
                                 const LiaFieldSpec *specs,
                                 guint               n_specs,
                                 JsonBuilder        *builder);
/* @issues NULL: lenient (a body from the store or sync), a value of the
 * wrong type reads as unset.  Otherwise each wrong type, unknown enum
 * value, bad time or (with @repaired_utf8) invalid text is an error naming
 * its field, and unknown members are warnings. */
void     lia_fields_read        (gpointer            instance,
                                 const LiaFieldSpec *specs,
                                 guint               n_specs,
                                 JsonObject         *body,
                                 gboolean            repaired_utf8,
                                 GPtrArray          *issues);
/* Required fields, text and count limits, integer ranges, coordinates. */
void     lia_fields_check       (gpointer            instance,
                                 const LiaFieldSpec *specs,
                                 guint               n_specs,
                                 const char         *guidance,
                                 GPtrArray          *issues);
/* Reads the optional top-level "sensitivity" of input JSON. */
void     lia_fields_read_sensitivity (gpointer       record,
                                 JsonObject         *object,
                                 GPtrArray          *issues);
/* Coordinates in range and not (0, 0), the null island of bad input. */
gboolean lia_fields_check_coordinates (double        lat,
                                 double              lon,
                                 const char         *field,
                                 const char         *guidance,
                                 GPtrArray          *issues);

/* Field storage helpers for setters. */
void     lia_field_set_string   (char              **slot,
                                 const char         *value);
void     lia_field_set_time     (GDateTime         **slot,
                                 GDateTime          *value);

G_END_DECLS
