/* lia-retention-group.h — Preferences: how long records stay, and removing those past it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_RETENTION_GROUP (lia_retention_group_get_type ())

G_DECLARE_FINAL_TYPE (LiaRetentionGroup, lia_retention_group, LIA, RETENTION_GROUP, AdwPreferencesGroup)

LiaRetentionGroup *lia_retention_group_new        (LiaContext        *context);
LiaContext        *lia_retention_group_get_context (LiaRetentionGroup *self);
/* Runs the purge in a worker thread; the status row shows what it did. */
void               lia_retention_group_purge      (LiaRetentionGroup *self);
gboolean           lia_retention_group_get_busy   (LiaRetentionGroup *self);
/* The sentence under “Remove Expired Records Now”. */
const char        *lia_retention_group_get_status (LiaRetentionGroup *self);

G_END_DECLS
