/* lia-actor-row.h — an actor in the Actors page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_ACTOR_ROW (lia_actor_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaActorRow, lia_actor_row, LIA, ACTOR_ROW, GtkListBoxRow)

GtkWidget  *lia_actor_row_new      (LiaActor    *actor);
LiaActor   *lia_actor_row_get_actor (LiaActorRow *self);
const char *lia_actor_row_get_uuid (LiaActorRow *self);

G_END_DECLS
