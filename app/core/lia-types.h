/* lia-types.h — the record types this build of Liaison knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     lia_core_register_types        (void);
/* Whether records of @record_type are log entries, written once and never
 * changed (LiaRecordClass.append_only); FALSE for a type this build does
 * not know. */
gboolean lia_record_type_is_append_only (const char *record_type);

G_END_DECLS
