/* lia-test-store.h — an encrypted store for a test, as the app and the CLI
 * make one: with the test passphrase and the cheapest Argon2id limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-core.h"

G_BEGIN_DECLS

char     *lia_test_dup_passphrase     (void);
LiaStore *lia_test_open_store_in_dir  (const char *data_dir,
                                       LiaClock   *clock);

sqlite3  *lia_test_open_db_in_dir    (const char *data_dir);

G_END_DECLS
