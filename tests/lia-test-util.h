/* lia-test-util.h — small helpers shared by the tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   lia_test_remove_tree          (const char *path);
guint  lia_test_count_files_holding  (const char *dir,
                                      const char *needle);
char  *lia_test_file_sha256          (const char *path);

G_END_DECLS
