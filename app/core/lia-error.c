/* lia-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-error.h"

G_DEFINE_QUARK (lia-error-quark, lia_error)
