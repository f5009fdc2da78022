/* lia-i18n.h — message catalogue set-up shared by every Liaison program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void lia_i18n_init (void);

G_END_DECLS
