/* lia-handover.h — one encrypted file that hands an operation to a successor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"

G_BEGIN_DECLS

/* Argon2id cost written into every package (docs: README “Handover”):
 * libsodium's MODERATE level, about a second and 256 MiB. */
#define LIA_HANDOVER_OPSLIMIT         3
#define LIA_HANDOVER_MEMLIMIT         (256 * 1024 * 1024)
/* Reports older than this stay out: the successor needs what is current. */
#define LIA_HANDOVER_RECENT_DAYS      180
#define LIA_HANDOVER_MAX_SIZE         (512 * 1024 * 1024)

typedef struct _LiaHandoverPackage LiaHandoverPackage;

/* How many records of one type a package holds. */
typedef struct
{
  char *record_type;
  guint count;
} LiaHandoverCount;

typedef struct
{
  guint imported;   /* records written */
  guint skipped;    /* already here at that revision or newer */
  guint conflicts;  /* concurrent with a revision made here: both kept */
  guint notes;      /* guidance notes and bookmarks taken over */
  guint attachments; /* attachment files this device did not have */
} LiaHandoverImportStats;

void                lia_handover_package_free        (LiaHandoverPackage      *package);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHandoverPackage, lia_handover_package_free)

const char * const *lia_handover_record_types        (void);

gboolean            lia_handover_count_left_out      (LiaStore                *store,
                                                      const char              *operation,
                                                      guint                   *n_records,
                                                      GError                 **error);
LiaHandoverPackage *lia_handover_collect             (LiaStore                *store,
                                                      const char              *operation,
                                                      gboolean                 include_strictly_confidential,
                                                      GError                 **error);
const char         *lia_handover_package_get_operation (LiaHandoverPackage    *package);
GPtrArray          *lia_handover_package_get_counts  (LiaHandoverPackage      *package);
guint               lia_handover_package_get_n_notes (LiaHandoverPackage      *package);
JsonArray          *lia_handover_package_get_records (LiaHandoverPackage      *package);

GBytes             *lia_handover_package_encrypt     (LiaHandoverPackage      *package,
                                                      const char              *passphrase,
                                                      guint64                  opslimit,
                                                      gsize                    memlimit,
                                                      GError                 **error);
LiaHandoverPackage *lia_handover_package_decrypt     (GBytes                  *file,
                                                      const char              *passphrase,
                                                      GError                 **error);
gboolean            lia_handover_package_import      (LiaHandoverPackage      *package,
                                                      LiaStore                *store,
                                                      LiaHandoverImportStats  *stats,
                                                      GError                 **error);

G_END_DECLS
