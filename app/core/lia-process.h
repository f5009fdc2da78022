/* lia-process.h — what every Liaison program does to itself first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void lia_process_harden (void);

G_END_DECLS
