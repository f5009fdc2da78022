/* lia-analysis-panel.h — brokers, hubs, isolated actors and groups of the
 * map, and who can reach the selected actor, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_ANALYSIS_PANEL (lia_analysis_panel_get_type ())

G_DECLARE_FINAL_TYPE (LiaAnalysisPanel, lia_analysis_panel, LIA, ANALYSIS_PANEL, AdwBin)

GtkWidget *lia_analysis_panel_new              (void);
void       lia_analysis_panel_set_graph        (LiaAnalysisPanel *self,
                                                LiaActorGraph    *graph);
void       lia_analysis_panel_set_selected_uuid (LiaAnalysisPanel *self,
                                                const char       *uuid);

G_END_DECLS
