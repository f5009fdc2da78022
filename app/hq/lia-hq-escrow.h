/* lia-hq-escrow.h — HQ's key to recover a laptop whose passphrase is lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-hq-store.h"

G_BEGIN_DECLS

#define LIA_HQ_ESCROW_KEY_FILENAME "escrow.key"

/* An operation and whether its devices escrow their data key at enrolment. */
typedef struct
{
  char     *operation;
  gboolean  escrow;
} LiaHqEscrowOperation;

void      lia_hq_escrow_operation_free   (LiaHqEscrowOperation *operation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqEscrowOperation, lia_hq_escrow_operation_free)

char     *lia_hq_escrow_default_key_path (const char    *db_path);
gboolean  lia_hq_escrow_init             (LiaHqStore    *store,
                                          const char    *key_path,
                                          char         **public_key,
                                          GError       **error);
char     *lia_hq_escrow_dup_public_key   (LiaHqStore    *store);
gboolean  lia_hq_escrow_set_operation    (LiaHqStore    *store,
                                          const char    *operation,
                                          gboolean       escrow,
                                          GError       **error);
GPtrArray *lia_hq_escrow_list_operations (LiaHqStore    *store,
                                          GError       **error);
char     *lia_hq_escrow_for_operation    (LiaHqStore    *store,
                                          const char    *operation);
gboolean  lia_hq_escrow_recover          (const char    *hq_key_path,
                                          const char    *vault_key_path,
                                          const char    *new_passphrase,
                                          const char    *output_path,
                                          GError       **error);

G_END_DECLS
