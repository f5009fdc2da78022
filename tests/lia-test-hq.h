/* lia-test-hq.h — running the real liaison-hq from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Generous, so a loaded machine or a sanitizer build does not flake. */
#define LIA_TEST_HQ_START_TIMEOUT_MS 15000
#define LIA_TEST_HQ_STOP_TIMEOUT_MS  5000

typedef struct
{
  char        *tmpdir;
  char        *db_path;
  GSubprocess *process;
  char        *base_url;   /* http(s)://127.0.0.1:PORT, no trailing slash */
  guint        port;
  char       **envp;       /* for the daemon, or NULL for the test's own */
} LiaTestHq;

const char *lia_test_hq_binary        (void);
char       *lia_test_hq_make_tmpdir   (void);
gboolean    lia_test_hq_spin_until    (const gboolean      *done,
                                       guint                timeout_ms);
gboolean    lia_test_hq_wait          (GSubprocess         *process,
                                       guint                timeout_ms);
int         lia_test_hq_run           (const char * const  *args,
                                       char               **out,
                                       char               **err);
void        lia_test_hq_start         (LiaTestHq           *hq,
                                       const char * const  *extra_args);
void        lia_test_hq_stop          (LiaTestHq           *hq,
                                       int                  signum);
void        lia_test_hq_kill          (LiaTestHq           *hq);
void        lia_test_hq_clear         (LiaTestHq           *hq);
gboolean    lia_test_hq_make_certificate (const char       *dir,
                                       char              **cert,
                                       char              **key);

G_END_DECLS
