/* lia-actors-page.h — the Actors page: the stakeholder map as a list, a
 * graph, a map and analysis, and the editor of each actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_ACTORS_PAGE (lia_actors_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaActorsPage, lia_actors_page, LIA, ACTORS_PAGE, AdwBin)

LiaContext *lia_actors_page_get_context       (LiaActorsPage *self);
void        lia_actors_page_set_context       (LiaActorsPage *self,
                                               LiaContext    *context);
const char *lia_actors_page_get_selected_uuid (LiaActorsPage *self);
void        lia_actors_page_set_selected_uuid (LiaActorsPage *self,
                                               const char    *uuid);
void        lia_actors_page_show_on_map   (LiaActorsPage *self,
                                               const char    *uuid);
void        lia_actors_page_set_as_of         (LiaActorsPage *self,
                                               const GDate   *date);

G_END_DECLS
