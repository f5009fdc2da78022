/* lia-directory.h — the deployments directory HQ publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-record.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_DIRECTORY (lia_directory_get_type ())

G_DECLARE_FINAL_TYPE (LiaDirectory, lia_directory, LIA, DIRECTORY, LiaRecord)

/* Stale: the publication is older than this, or nobody confirmed an
 * entry for this long. */
#define LIA_DIRECTORY_STALE_DAYS        30
#define LIA_DIRECTORY_ENTRY_STALE_DAYS  90
#define LIA_DIRECTORY_MAX_ENTRIES       5000

typedef struct
{
  char *channel;   /* phone, email, satphone, radio, signal… */
  char *value;
} LiaDirectoryContact;

/* One person deployed, as HQ knows them.  Dates are YYYY-MM-DD or NULL. */
typedef struct
{
  char      *id;
  char      *name;
  char      *role;
  char      *operation;
  char      *location;
  GPtrArray *contacts;        /* LiaDirectoryContact */
  GStrv      hats;            /* other roles held at the same time */
  char      *since;
  char      *until;
  char      *last_confirmed;
} LiaDirectoryEntry;

const char              *lia_directory_get_valid_as_of  (LiaDirectory            *self);
guint                    lia_directory_get_n_entries    (LiaDirectory            *self);
const LiaDirectoryEntry *lia_directory_get_entry        (LiaDirectory            *self,
                                                         guint                    position);
const LiaDirectoryEntry *lia_directory_find             (LiaDirectory            *self,
                                                         const char              *id);
GPtrArray               *lia_directory_search           (LiaDirectory            *self,
                                                         const char              *query,
                                                         GError                 **error);
gboolean                 lia_directory_is_stale         (LiaDirectory            *self,
                                                         GDateTime               *now);
gboolean                 lia_directory_entry_is_stale   (const LiaDirectoryEntry *entry,
                                                         GDateTime               *now);
char                    *lia_directory_entry_to_vcard   (const LiaDirectoryEntry *entry);

LiaDirectory            *lia_directory_load             (LiaStore                *store,
                                                         GError                 **error);
char                    *lia_directory_body_from_file   (const char              *contents,
                                                         gsize                    length,
                                                         const char              *valid_as_of,
                                                         GError                 **error);

G_END_DECLS
