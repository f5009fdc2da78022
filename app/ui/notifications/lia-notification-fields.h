/* lia-notification-fields.h — the fields of a notification or incident,
 * described once for the form that edits them and the view that shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "liaison-core.h"

G_BEGIN_DECLS

typedef enum
{
  LIA_NOTIFY_KIND_SITE,
  LIA_NOTIFY_KIND_MOVEMENT,
  LIA_NOTIFY_KIND_INCIDENT,
} LiaNotifyKind;

typedef enum
{
  LIA_NOTIFY_FIELD_TEXT,
  LIA_NOTIFY_FIELD_LONG_TEXT,
  LIA_NOTIFY_FIELD_INT,
  LIA_NOTIFY_FIELD_TIME,
  LIA_NOTIFY_FIELD_POINT,       /* "lat, lon" in one entry */
  LIA_NOTIFY_FIELD_ENUM,
  LIA_NOTIFY_FIELD_BOOL,
  LIA_NOTIFY_FIELD_LIST,        /* comma-separated */
} LiaNotifyFieldType;

/* @key is the record's JSON path, as validation issues name it; an issue
 * about "location.lat" belongs to the field "location". */
typedef struct
{
  const char          *key;
  LiaNotifyFieldType   type;
  const char          *title;      /* N_() */
  GType              (*enum_type) (void);
  gboolean             required;
} LiaNotifyField;

const LiaNotifyField *lia_notify_fields_get        (LiaNotifyKind   kind,
                                                    guint          *n_fields);
LiaNotifyKind         lia_notify_kind_of           (LiaRecord      *record);
const char           *lia_notify_kind_get_guidance (LiaNotifyKind   kind);

/* The field's value as text, to edit (@for_display FALSE: what the entry
 * takes back) or to read (TRUE: times with their offset, enum labels).
 * Returns NULL when unset. */
char     *lia_notify_field_get_text  (LiaRecord             *record,
                                      const LiaNotifyField  *field,
                                      LiaOperationRules     *rules,
                                      gboolean               for_display);
/* Sets the field from the text a person typed, or adds an issue naming the
 * field if the text cannot be read (a number, a time, coordinates). */
void      lia_notify_field_set_text  (LiaRecord             *record,
                                      const LiaNotifyField  *field,
                                      LiaOperationRules     *rules,
                                      const char            *text,
                                      GPtrArray             *issues);
gboolean  lia_notify_field_get_bool  (LiaRecord             *record,
                                      const LiaNotifyField  *field);
void      lia_notify_field_set_bool  (LiaRecord             *record,
                                      const LiaNotifyField  *field,
                                      gboolean               value);
int       lia_notify_field_get_enum  (LiaRecord             *record,
                                      const LiaNotifyField  *field);
void      lia_notify_field_set_enum  (LiaRecord             *record,
                                      const LiaNotifyField  *field,
                                      int                    value);
/* Whether @issue_field ("location.lat") is about @field ("location"). */
gboolean  lia_notify_field_matches   (const LiaNotifyField  *field,
                                      const char            *issue_field);

/* A notification's title: the site's name, "origin → destination", or the
 * incident's type and place. */
char       *lia_notify_record_title         (LiaRecord *record);
/* Its status as a label ("Active", "Notified"…); NULL for an incident. */
const char *lia_notify_record_status_label  (LiaRecord *record);
int         lia_notify_record_get_status    (LiaRecord *record);
/* Every issue with @record, as the core sees it. */
GPtrArray  *lia_notify_record_validate      (LiaRecord         *record,
                                             LiaStore          *store,
                                             LiaOperationRules *rules,
                                             GDateTime         *now);
char       *lia_notify_isolate              (const char        *text);
/* "UTC+03:00" for the operation's time zone now. */
char       *lia_notify_format_offset        (LiaOperationRules *rules,
                                             GDateTime         *now);

G_END_DECLS
