/* lia-types.h — the record types this build of Liaison knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void lia_core_register_types (void);

G_END_DECLS
