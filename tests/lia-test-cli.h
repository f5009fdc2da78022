/* lia-test-cli.h — runs the real liaison-cli as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} LiaTestRun;

void         lia_test_run_free       (LiaTestRun         *run);
GSubprocess *lia_test_spawn_cli_argv (const char         *data_dir,
                                      const char * const *args,
                                      GSubprocessFlags    flags);
LiaTestRun  *lia_test_run_cli_argv   (const char         *data_dir,
                                      const char * const *args);

#define lia_test_run_cli(data_dir, ...) \
  lia_test_run_cli_argv ((data_dir), (const char * const []) { __VA_ARGS__, NULL })

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaTestRun, lia_test_run_free)

G_END_DECLS
