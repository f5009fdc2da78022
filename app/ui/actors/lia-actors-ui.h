/* lia-actors-ui.h — small pieces the Actors page, its editor and its
 * analysis share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

const char    *lia_actors_ui_language        (void);
const char    *lia_actors_ui_display_name    (LiaActor       *actor);
guint          lia_actors_ui_enum_n_values   (GType           enum_type);
GtkStringList *lia_actors_ui_enum_model      (GType           enum_type);
const char    *lia_actors_ui_enum_label      (GType           enum_type,
                                              int             value);

G_END_DECLS
