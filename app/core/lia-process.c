/* lia-process.c
 *
 * A crash must not leave a copy of the process's memory (records,
 * contacts, the unlocked data key) on the laptop: no core dump, and no
 * other process of the same user may read our memory through ptrace or
 * /proc/PID/mem.  Nothing else changes: signals, limits other than the
 * core size and the environment stay as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "lia-process.h"

/**
 * lia_process_harden:
 *
 * Called first in the main() of liaison, liaison-cli and liaison-hq:
 * turns core dumps off (RLIMIT_CORE 0, soft and hard, so a child cannot
 * turn them back on) and marks the process not dumpable, which also keeps
 * debuggers and other processes of the same user out of its memory.
 * A failure is only reported: a program that cannot harden itself still
 * works.
 */
void
lia_process_harden (void)
{
  const struct rlimit none = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &none) != 0)
    g_warning ("Could not turn core dumps off: %s", g_strerror (errno));

  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not mark the process not dumpable: %s", g_strerror (errno));
}
