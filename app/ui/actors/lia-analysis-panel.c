/* lia-analysis-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-actors-ui.h"
#include "lia-analysis-panel.h"

/* What the numbers of the map mean for someone who has to pick up a phone:
 * each section starts with one plain sentence, then the actors it names.
 * Rows naming one actor select it when activated.  Rebuilt in code when
 * the graph or the selection changes: a few dozen rows. */
struct _LiaAnalysisPanel
{
  AdwBin         parent_instance;

  LiaActorGraph *graph;
  char          *selected_uuid;
  gboolean       stale;          /* rebuilt when next shown */

  GtkWidget     *box;
};

G_DEFINE_FINAL_TYPE (LiaAnalysisPanel, lia_analysis_panel, ADW_TYPE_BIN)

enum {
  ACTOR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define TOP_N 5
#define MAX_CHAINS 3

static void
row_activated_cb (AdwActionRow     *row,
                  LiaAnalysisPanel *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");

  if (uuid != NULL)
    g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, uuid);
}

static GtkWidget *
add_group (LiaAnalysisPanel *self,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->box), group);

  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Names and explanations are text, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static GtkWidget *
add_actor_row (LiaAnalysisPanel *self,
               GtkWidget        *group,
               guint             node,
               const char       *subtitle)
{
  LiaActor *actor = lia_actor_graph_get_actor (self->graph, node);
  GtkWidget *row = add_row (group, lia_actors_ui_display_name (actor), subtitle);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  g_object_set_data_full (G_OBJECT (row), "uuid",
                          g_strdup (lia_record_get_uuid (LIA_RECORD (actor))), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* go-next points the way the text reads: GTK flips it in RTL */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);

  return row;
}

static void
add_none_row (GtkWidget  *group,
              const char *text)
{
  GtkWidget *row = add_row (group, text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

typedef struct
{
  guint  node;
  double score;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  return (int) ra->node - (int) rb->node;
}

static GArray *
rank (LiaAnalysisPanel *self,
      gboolean          by_betweenness)
{
  guint n = lia_actor_graph_get_n_actors (self->graph);
  GArray *ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), n);

  for (guint v = 0; v < n; v++)
    {
      Ranked item = { v, by_betweenness ? lia_actor_graph_get_betweenness (self->graph, v, FALSE)
                                        : lia_actor_graph_get_degree (self->graph, v) };

      if (item.score > 0)
        g_array_append_val (ranked, item);
    }
  g_array_sort (ranked, compare_ranked);

  return ranked;
}

static void
build_whole_map (LiaAnalysisPanel *self)
{
  g_autoptr(GArray) brokers = rank (self, TRUE);
  g_autoptr(GArray) connected = rank (self, FALSE);
  guint n = lia_actor_graph_get_n_actors (self->graph);
  guint n_groups = lia_actor_graph_get_n_communities (self->graph);
  guint shown_groups = 0;
  guint n_isolated = 0;
  GtkWidget *group;

  group = add_group (self, _("Brokers"),
                     _("Brokers sit on the paths between others; talking to them reaches many."));
  for (guint i = 0; i < MIN (brokers->len, TOP_N); i++)
    {
      const Ranked *item = &g_array_index (brokers, Ranked, i);
      /* Translators: betweenness, as a share of the shortest paths between other actors */
      g_autofree char *subtitle = g_strdup_printf (_("On %.0f%% of the shortest paths between other actors"),
                                                   item->score * 100.0);

      add_actor_row (self, group, item->node, subtitle);
    }
  if (brokers->len == 0)
    add_none_row (group, _("No actor links others yet."));

  group = add_group (self, _("Most connected"),
                     _("The most connected actors deal with many others directly: what they hear spreads fast."));
  for (guint i = 0; i < MIN (connected->len, TOP_N); i++)
    {
      const Ranked *item = &g_array_index (connected, Ranked, i);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u relationship", "%u relationships",
                                                                (guint) item->score),
                                                   (guint) item->score);

      add_actor_row (self, group, item->node, subtitle);
    }
  if (connected->len == 0)
    add_none_row (group, _("No relationships yet."));

  group = add_group (self, _("Isolated"),
                     _("Isolated actors have no relationship on this map: nobody here can speak to them for you, so find out who can."));
  for (guint v = 0; v < n; v++)
    {
      if (!lia_actor_graph_is_isolated (self->graph, v))
        continue;
      add_actor_row (self, group, v, lia_actor_type_get_label (lia_actor_get_actor_type (lia_actor_graph_get_actor (self->graph, v))));
      n_isolated++;
    }
  if (n_isolated == 0)
    add_none_row (group, _("Every actor has at least one relationship."));

  group = add_group (self, _("Groups"),
                     _("A group is a set of actors more tied to one another than to the rest: news and pressure travel fast inside it."));
  for (guint c = 0; c < n_groups; c++)
    {
      g_autoptr(GString) members = g_string_new (NULL);
      g_autofree char *title = NULL;
      guint n_members = 0;

      for (guint v = 0; v < n; v++)
        {
          if (lia_actor_graph_get_community (self->graph, v) != c ||
              lia_actor_graph_is_isolated (self->graph, v))
            continue;
          if (n_members++ > 0)
            /* Translators: between the names of a group's members */
            g_string_append (members, _(", "));
          g_string_append (members, lia_actors_ui_display_name (lia_actor_graph_get_actor (self->graph, v)));
        }

      if (n_members < 2)
        continue;

      /* Translators: %u numbers the groups from 1 */
      title = g_strdup_printf (_("Group %u"), ++shown_groups);
      add_row (group, title, members->str);
    }
  if (shown_groups == 0)
    add_none_row (group, _("No groups yet."));
}

static gboolean
is_influence (LiaRelationshipType type)
{
  return type == LIA_RELATIONSHIP_INFLUENCES ||
         type == LIA_RELATIONSHIP_COMMANDS ||
         type == LIA_RELATIONSHIP_SUPPORTS;
}

static void
build_selected (LiaAnalysisPanel *self,
                guint             node)
{
  LiaActor *actor = lia_actor_graph_get_actor (self->graph, node);
  const char *name = lia_actors_ui_display_name (actor);
  g_autoptr(GPtrArray) chains = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *influence_title = NULL;
  g_autofree char *reach_title = NULL;
  guint n_influencers = 0;
  GtkWidget *group;

  /* Translators: %s is an actor's name */
  influence_title = g_strdup_printf (_("Who influences %s"), name);
  group = add_group (self, influence_title,
                     _("Those who command, support or influence it: ask them to pass a message, or to use their weight."));
  for (guint e = 0; e < lia_actor_graph_get_n_relationships (self->graph); e++)
    {
      guint source;
      guint target;
      LiaRelationship *relationship = lia_actor_graph_get_relationship (self->graph, e, &source, &target);
      LiaRelationshipType type = lia_relationship_get_relationship_type (relationship);

      if (target != node || !is_influence (type))
        continue;

      add_actor_row (self, group, source, lia_relationship_type_get_label (type));
      n_influencers++;
    }
  if (n_influencers == 0)
    add_none_row (group, _("Nobody on this map commands, supports or influences it."));

  /* Translators: %s is an actor's name */
  reach_title = g_strdup_printf (_("How to reach %s"), name);
  group = add_group (self, reach_title,
                     _("The strongest chains from your own channels to it, through people who talk to each other."));
  chains = lia_actor_graph_find_reach (self->graph, node, LIA_ACTOR_GRAPH_NO_NODE, MAX_CHAINS, &error);
  if (chains == NULL)
    add_none_row (group, error->message);
  else if (chains->len == 0)
    add_none_row (group, _("No chain of contacts leads there yet."));
  else
    {
      for (guint i = 0; i < chains->len; i++)
        {
          const LiaReachChain *chain = g_ptr_array_index (chains, i);
          guint first = g_array_index (chain->nodes, guint, chain->nodes->len > 2 ? 1 : 0);
          GtkWidget *row = add_actor_row (self, group, first, NULL);

          /* The chain in words, and the first step to take */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), chain->explanation);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        }
    }
}

static void
rebuild (LiaAnalysisPanel *self)
{
  GtkWidget *child;
  guint selected = LIA_ACTOR_GRAPH_NO_NODE;

  /* Betweenness of a big map takes a moment: only for what is seen */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (self->graph == NULL || lia_actor_graph_get_n_actors (self->graph) == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing to Analyse Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Add actors and their relationships, or import ACLED data, to see who links whom."));
      gtk_box_append (GTK_BOX (self->box), status);
      return;
    }

  if (self->selected_uuid != NULL)
    selected = lia_actor_graph_lookup (self->graph, self->selected_uuid);
  if (selected != LIA_ACTOR_GRAPH_NO_NODE)
    build_selected (self, selected);

  build_whole_map (self);
}

void
lia_analysis_panel_set_graph (LiaAnalysisPanel *self,
                              LiaActorGraph    *graph)
{
  g_return_if_fail (LIA_IS_ANALYSIS_PANEL (self));
  g_return_if_fail (graph == NULL || LIA_IS_ACTOR_GRAPH (graph));

  g_set_object (&self->graph, graph);
  rebuild (self);
}

void
lia_analysis_panel_set_selected_uuid (LiaAnalysisPanel *self,
                                      const char       *uuid)
{
  g_return_if_fail (LIA_IS_ANALYSIS_PANEL (self));

  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);
  rebuild (self);
}

static void
lia_analysis_panel_map (GtkWidget *widget)
{
  LiaAnalysisPanel *self = LIA_ANALYSIS_PANEL (widget);

  GTK_WIDGET_CLASS (lia_analysis_panel_parent_class)->map (widget);

  if (self->stale)
    rebuild (self);
}

static void
lia_analysis_panel_dispose (GObject *object)
{
  LiaAnalysisPanel *self = (LiaAnalysisPanel *)object;

  g_clear_object (&self->graph);

  G_OBJECT_CLASS (lia_analysis_panel_parent_class)->dispose (object);
}

static void
lia_analysis_panel_finalize (GObject *object)
{
  LiaAnalysisPanel *self = (LiaAnalysisPanel *)object;

  g_clear_pointer (&self->selected_uuid, g_free);

  G_OBJECT_CLASS (lia_analysis_panel_parent_class)->finalize (object);
}

static void
lia_analysis_panel_class_init (LiaAnalysisPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_analysis_panel_dispose;
  object_class->finalize = lia_analysis_panel_finalize;

  widget_class->map = lia_analysis_panel_map;

  /**
   * LiaAnalysisPanel::actor-activated:
   * @uuid: the actor a row names
   */
  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lia_analysis_panel_init (LiaAnalysisPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->box, 24);
  gtk_widget_set_margin_bottom (self->box, 24);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_bin_set_child (ADW_BIN (self), scroller);

  /* Filled when given a graph: nothing to build while the window starts */
}

GtkWidget *
lia_analysis_panel_new (void)
{
  return g_object_new (LIA_TYPE_ANALYSIS_PANEL, NULL);
}
