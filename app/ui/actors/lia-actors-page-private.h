/* lia-actors-page-private.h — the page's insides, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-actor-editor.h"
#include "lia-actors-page.h"
#include "lia-analysis-panel.h"
#include "lia-graph-view.h"
#include "lia-map-view.h"
#include "lia-record-history.h"

G_BEGIN_DECLS

struct _LiaActorsPage
{
  AdwBin              parent_instance;

  LiaContext         *context;
  LiaStore           *store;
  LiaRecordHistory   *history;
  char               *operation;
  gulong              changed_handler;

  /* Read from the store when the page is first shown, and again on each
   * of the store's "changed" while it is shown; later if it is not. */
  LiaActorGraph      *graph;
  GListStore         *actors;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *search_key;
  gboolean            loaded;
  gboolean            stale;
  gboolean            fit_pending;

  char               *selected_uuid;
  gboolean            selecting;
  GDate               as_of;
  gboolean            as_of_today;

  GCancellable       *cancellable;

  /* Made when first needed: a long form the window's start-up can do without */
  LiaActorEditor     *editor;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *main_pane;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkFlowBox         *toolbar;
  GtkListBox         *actor_list;
  GtkMenuButton      *filter_button;
  GtkMenuButton      *as_of_button;
  GtkCalendar        *as_of_calendar;   /* once the popover was opened */
  AdwFlap            *flap;
  AdwViewStack       *view_stack;
  LiaGraphView       *graph_view;
  LiaAnalysisPanel   *analysis_panel;
  AdwBin             *map_bin;
  LiaMapView         *map_view;     /* made when the map is first shown */
};

/* What the export and import actions do once a file is chosen */
void lia_actors_page_export        (LiaActorsPage *self,
                                    const char    *format,
                                    GFile         *file);
void lia_actors_page_preview_acled (LiaActorsPage *self,
                                    const char    *path);

G_END_DECLS
