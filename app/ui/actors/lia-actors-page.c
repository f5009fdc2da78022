/* lia-actors-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-actor-row.h"
#include "lia-actors-page-private.h"
#include "lia-actors-ui.h"
#include "lia-export-confirm.h"

/* The list of actors beside a graph, a map and analysis of the same
 * actors, which share one selection; the editor of the selected actor
 * slides in at the end.  Nothing is read until the page is first shown,
 * so that the window starts as fast without it. */

G_DEFINE_FINAL_TYPE (LiaActorsPage, lia_actors_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SELECTED_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Records need an operation; this one until the officer or HQ sets one */
#define FALLBACK_OPERATION "field"

static void reload (LiaActorsPage *self);

/* ---- toasts ------------------------------------------------------------------ */

static void
show_toast (LiaActorsPage *self,
            const char    *message,
            gboolean       with_undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "actors.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- the list ------------------------------------------------------------------ */

static gboolean
filter_actor (gpointer item,
              gpointer user_data)
{
  LiaActorsPage *self = user_data;
  g_auto(GStrv) keys = NULL;

  if (self->search_key == NULL || *self->search_key == '\0')
    return TRUE;

  keys = lia_actor_dup_name_keys (LIA_ACTOR (item));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (strstr (keys[i], self->search_key) != NULL)
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return lia_actor_row_new (LIA_ACTOR (item));
}

static void
update_list_stack (LiaActorsPage *self)
{
  const char *name = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->actors)) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    name = "no-match";

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static LiaActorRow *
find_row (LiaActorsPage *self,
          const char    *uuid)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actor_list));
       child != NULL && uuid != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (LIA_IS_ACTOR_ROW (child) &&
          g_str_equal (lia_actor_row_get_uuid (LIA_ACTOR_ROW (child)), uuid))
        return LIA_ACTOR_ROW (child);
    }

  return NULL;
}

static void
select_in_list (LiaActorsPage *self)
{
  LiaActorRow *row = find_row (self, self->selected_uuid);
  gboolean selecting = self->selecting;

  self->selecting = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->actor_list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->actor_list);
  self->selecting = selecting;
}

static void
search_changed_cb (LiaActorsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search_key);
  self->search_key = lia_actor_normalize_name (text);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
  select_in_list (self);
}

static void
row_selected_cb (LiaActorsPage *self,
                 GtkListBoxRow *row)
{
  if (self->selecting || row == NULL)
    return;

  lia_actors_page_set_selected_uuid (self, lia_actor_row_get_uuid (LIA_ACTOR_ROW (row)));
}

static void
row_activated_cb (LiaActorsPage *self,
                  GtkListBoxRow *row)
{
  /* Narrow: the list gives way to what it selected */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (LiaActorsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- the editor ----------------------------------------------------------------- */

static void
editor_saved_cb (LiaActorsPage  *self,
                 const char     *message,
                 LiaActorEditor *editor)
{
  const char *uuid = lia_actor_editor_get_uuid (editor);

  /* A new actor is selected once it exists */
  if (uuid != NULL)
    lia_actors_page_set_selected_uuid (self, uuid);
  show_toast (self, message, TRUE);
}

static void
ensure_editor (LiaActorsPage *self)
{
  if (self->editor != NULL)
    return;

  self->editor = g_object_new (LIA_TYPE_ACTOR_EDITOR,
                               "width-request", 340,
                               NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->editor), "background");
  lia_actor_editor_set_history (self->editor, self->history, self->operation);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->editor));
}

static void
show_editor (LiaActorsPage *self)
{
  ensure_editor (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- reading the store ------------------------------------------------------------ */

static int
compare_actors (gconstpointer a,
                gconstpointer b)
{
  LiaActor *actor_a = *(LiaActor **) a;
  LiaActor *actor_b = *(LiaActor **) b;

  return g_utf8_collate (lia_actors_ui_display_name (actor_a), lia_actors_ui_display_name (actor_b));
}

static void
fit_if_pending (LiaActorsPage *self)
{
  if (self->fit_pending && !lia_graph_view_get_busy (self->graph_view))
    {
      self->fit_pending = FALSE;
      lia_graph_view_zoom_to_fit (self->graph_view);
    }
}

static void
reload (LiaActorsPage *self)
{
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(LiaActorGraph) graph = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  self->loaded = TRUE;
  self->stale = FALSE;

  if (!(actors = lia_store_list (self->store, "actor", self->operation, &error)) ||
      !(graph = lia_actor_graph_new_from_store (self->store, self->operation, &self->as_of, &error)))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  g_ptr_array_sort (actors, compare_actors);
  self->selecting = TRUE;
  g_list_store_splice (self->actors, 0, g_list_model_get_n_items (G_LIST_MODEL (self->actors)),
                       actors->pdata, actors->len);
  self->selecting = FALSE;

  /* The first map with actors is fitted to the view once it is laid
   * out; later changes keep the officer's zoom */
  if (self->graph == NULL || lia_actor_graph_get_n_actors (self->graph) == 0)
    self->fit_pending = TRUE;
  g_set_object (&self->graph, graph);
  lia_graph_view_set_graph (self->graph_view, graph);
  fit_if_pending (self);
  lia_analysis_panel_set_graph (self->analysis_panel, graph);
  if (self->map_view != NULL)
    lia_map_view_set_graph (self->map_view, graph);

  /* What was selected and is gone is no longer selected */
  if (self->selected_uuid != NULL &&
      lia_actor_graph_lookup (graph, self->selected_uuid) == LIA_ACTOR_GRAPH_NO_NODE)
    lia_actors_page_set_selected_uuid (self, NULL);

  update_list_stack (self);
  select_in_list (self);

  if (self->editor != NULL)
    lia_actor_editor_reload (self->editor);
}

static void
store_changed_cb (LiaActorsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
}

static void
lia_actors_page_map (GtkWidget *widget)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);

  GTK_WIDGET_CLASS (lia_actors_page_parent_class)->map (widget);

  if (self->store != NULL && (!self->loaded || self->stale))
    {
      ensure_editor (self);
      reload (self);
    }
}

/* ---- as of ------------------------------------------------------------------ */

static void
today (LiaActorsPage *self,
       GDate         *date)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->context != NULL)
    now = lia_clock_get_now (lia_context_get_clock (self->context));
  else
    now = g_date_time_new_now_utc ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

static void
update_as_of_label (LiaActorsPage *self)
{
  g_autofree char *label = NULL;

  if (self->as_of_today)
    label = g_strdup (_("As of Today"));
  else
    {
      g_autofree char *date = lia_date_format_iso (&self->as_of);

      /* Translators: %s is a date, written 2024-03-01 */
      label = g_strdup_printf (_("As of %s"), date);
    }

  gtk_menu_button_set_label (self->as_of_button, label);
}

static void
set_as_of (LiaActorsPage *self,
           const GDate   *date)
{
  GDate now;

  today (self, &now);
  if (date == NULL || !g_date_valid (date))
    date = &now;

  if (g_date_valid (&self->as_of) && g_date_compare (&self->as_of, date) == 0)
    return;

  self->as_of = *date;
  self->as_of_today = g_date_compare (date, &now) == 0;
  update_as_of_label (self);

  if (self->loaded)
    reload (self);
}

void
lia_actors_page_set_as_of (LiaActorsPage *self,
                           const GDate   *date)
{
  g_return_if_fail (LIA_IS_ACTORS_PAGE (self));

  set_as_of (self, date);
}

static void
as_of_selected_cb (LiaActorsPage *self)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->as_of_calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (chosen),
                  g_date_time_get_month (chosen), g_date_time_get_year (chosen));
  set_as_of (self, &date);
}

static void
as_of_today_cb (LiaActorsPage *self)
{
  set_as_of (self, NULL);
  gtk_menu_button_popdown (self->as_of_button);
}

/* Made when first opened: a calendar costs the window's start-up time */
static void
create_as_of_popover (GtkMenuButton *button,
                      gpointer       user_data)
{
  LiaActorsPage *self = user_data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *today_button = gtk_button_new_with_mnemonic (_("_Today"));
  g_autoptr(GDateTime) shown = NULL;

  self->as_of_calendar = GTK_CALENDAR (gtk_calendar_new ());
  if (g_date_valid (&self->as_of))
    {
      shown = g_date_time_new_local (g_date_get_year (&self->as_of), g_date_get_month (&self->as_of),
                                     g_date_get_day (&self->as_of), 12, 0, 0);
      gtk_calendar_select_day (self->as_of_calendar, shown);
    }
  g_signal_connect_object (self->as_of_calendar, "day-selected",
                           G_CALLBACK (as_of_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (today_button, "clicked", G_CALLBACK (as_of_today_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->as_of_calendar));
  gtk_box_append (GTK_BOX (box), today_button);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);

  /* Made once */
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

/* The map first opens over the middle of the actors' locations, at a zoom
 * that shows a region rather than the world */
static void
center_map_on_actors (LiaActorsPage *self)
{
  double lat = 0, lon = 0;
  guint n = 0;

  if (self->graph == NULL)
    return;

  for (guint i = 0; i < lia_actor_graph_get_n_actors (self->graph); i++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (self->graph, i);

      for (guint j = 0; j < lia_actor_get_n_locations (actor); j++)
        {
          const LiaActorLocation *location = lia_actor_get_location (actor, j);

          lat += location->lat;
          lon += location->lon;
          n++;
        }
    }

  if (n > 0)
    lia_map_view_center_on (self->map_view, lat / n, lon / n, 6);
}

/* The map loads a basemap and starts tile workers: only once someone
 * looks at it, so that opening the window stays quick. */
static void
ensure_map_view (LiaActorsPage *self)
{
  if (self->map_view != NULL)
    return;

  self->map_view = LIA_MAP_VIEW (lia_map_view_new ());
  adw_bin_set_child (self->map_bin, GTK_WIDGET (self->map_view));
  lia_map_view_set_operation (self->map_view, self->operation);
  lia_map_view_set_context (self->map_view, self->context);
  lia_map_view_set_graph (self->map_view, self->graph);
  g_object_bind_property (self, "selected-uuid", self->map_view, "selected-uuid",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  center_map_on_actors (self);
}

static void
view_changed_cb (LiaActorsPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* The view's name is enough for a person; the graph wants the keys */
  if (g_strcmp0 (name, "graph") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
  else if (g_strcmp0 (name, "map") == 0)
    ensure_map_view (self);
}

static void
import_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  ensure_map_view (self);
  gtk_widget_activate_action (GTK_WIDGET (self->map_view), "map.import", NULL);
}

/**
 * lia_actors_page_show_on_map:
 *
 * Shows the Map view centred on the notified site, movement or incident
 * @uuid, selected; one the map does not draw is explained in a toast.
 */
void
lia_actors_page_show_on_map (LiaActorsPage *self,
                             const char    *uuid)
{
  g_return_if_fail (LIA_IS_ACTORS_PAGE (self));
  g_return_if_fail (uuid != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  ensure_map_view (self);
  if (!lia_map_view_show_notification (self->map_view, uuid))
    show_toast (self, _("Only active sites, movements notified or under way, and incidents with a place are on the map."),
                FALSE);
}

/* ---- filters ------------------------------------------------------------------ */

static void
type_toggled_cb (GtkCheckButton *check,
                 LiaActorsPage  *self)
{
  lia_graph_view_set_type_visible (self->graph_view,
                                   GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "value")),
                                   gtk_check_button_get_active (check));
}

static void
relationship_toggled_cb (GtkCheckButton *check,
                         LiaActorsPage  *self)
{
  lia_graph_view_set_relationship_visible (self->graph_view,
                                           GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "value")),
                                           gtk_check_button_get_active (check));
}

static void
add_filter_checks (LiaActorsPage *self,
                   GtkBox        *box,
                   const char    *heading,
                   GType          enum_type,
                   GCallback      toggled)
{
  GtkWidget *label = gtk_label_new (heading);
  guint n = lia_actors_ui_enum_n_values (enum_type);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (lia_actors_ui_enum_label (enum_type, i));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data (G_OBJECT (check), "value", GINT_TO_POINTER (i));
      g_signal_connect_object (check, "toggled", toggled, self, 0);
      gtk_box_append (box, check);
    }
}

static void
create_filter_popover (GtkMenuButton *button,
                       gpointer       user_data)
{
  LiaActorsPage *self = user_data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *types = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *relationships = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  add_filter_checks (self, GTK_BOX (types), _("Actors"), LIA_TYPE_ACTOR_TYPE, G_CALLBACK (type_toggled_cb));
  add_filter_checks (self, GTK_BOX (relationships), _("Relationships"), LIA_TYPE_RELATIONSHIP_TYPE,
                     G_CALLBACK (relationship_toggled_cb));
  gtk_box_append (GTK_BOX (columns), types);
  gtk_box_append (GTK_BOX (columns), relationships);
  gtk_popover_set_child (GTK_POPOVER (popover), columns);
  gtk_menu_button_set_popover (button, popover);

  /* Made once, when first opened */
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

/* ---- selection ------------------------------------------------------------------ */

static void
analysis_actor_activated_cb (LiaActorsPage *self,
                             const char    *uuid)
{
  lia_actors_page_set_selected_uuid (self, uuid);
}

const char *
lia_actors_page_get_selected_uuid (LiaActorsPage *self)
{
  g_return_val_if_fail (LIA_IS_ACTORS_PAGE (self), NULL);

  return self->selected_uuid;
}

/**
 * lia_actors_page_set_selected_uuid:
 *
 * Selects the actor @uuid in the list, the graph (through the binding of
 * "selected-uuid") and the analysis, and opens it in the editor.
 */
void
lia_actors_page_set_selected_uuid (LiaActorsPage *self,
                                   const char    *uuid)
{
  g_return_if_fail (LIA_IS_ACTORS_PAGE (self));

  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);

  select_in_list (self);
  lia_analysis_panel_set_selected_uuid (self->analysis_panel, uuid);

  if (uuid != NULL)
    {
      ensure_editor (self);
      if (g_strcmp0 (lia_actor_editor_get_uuid (self->editor), uuid) != 0)
        lia_actor_editor_edit (self->editor, uuid);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UUID]);
}

/* ---- actions ------------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);

  if (self->history == NULL)
    return;

  lia_actors_page_set_selected_uuid (self, NULL);
  show_editor (self);
  lia_actor_editor_new_actor (self->editor);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);

  if (self->editor != NULL && adw_flap_get_reveal_flap (self->flap))
    lia_actor_editor_save (self->editor);
}

static void
close_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);

  adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);
  gboolean undo = g_str_equal (action_name, "actors.undo");
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return;

  if (!(undo ? lia_record_history_undo (self->history, &error)
             : lia_record_history_redo (self->history, &error)))
    show_toast (self, error->message, FALSE);
  else
    show_toast (self, undo ? _("Change undone") : _("Change redone"), FALSE);
}

static void
update_undo_actions (LiaActorsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.undo",
                                 self->history != NULL && lia_record_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.redo",
                                 self->history != NULL && lia_record_history_get_can_redo (self->history));
}

/* The actor and every relationship it is part of go together */
static GPtrArray *
collect_deletion (LiaActorsPage  *self,
                  const char     *uuid,
                  GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relationships = NULL;
  LiaRecord *actor;

  if (!(actor = lia_store_load (self->store, uuid, error)))
    return NULL;
  g_ptr_array_add (records, actor);

  if (!(relationships = lia_store_list (self->store, "relationship", self->operation, error)))
    return NULL;

  for (guint i = 0; i < relationships->len; i++)
    {
      LiaRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_strcmp0 (lia_relationship_get_source_uuid (relationship), uuid) == 0 ||
          g_strcmp0 (lia_relationship_get_target_uuid (relationship), uuid) == 0)
        g_ptr_array_add (records, g_object_ref (relationship));
    }

  return g_steal_pointer (&records);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LiaActorsPage    *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "uuid");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  if (!(records = collect_deletion (self, uuid, &error)) ||
      !lia_record_history_delete (self->history, (LiaRecord * const *) records->pdata, records->len, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  adw_flap_set_reveal_flap (self->flap, FALSE);
  show_toast (self, _("Actor deleted"), TRUE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *uuid;
  GtkWidget *dialog;

  if (self->editor == NULL || (uuid = lia_actor_editor_get_uuid (self->editor)) == NULL)
    return;

  if (!(records = collect_deletion (self, uuid, &error)))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  /* Translators: %s is an actor's name */
  heading = g_strdup_printf (_("Delete “%s”?"),
                             lia_actors_ui_display_name (LIA_ACTOR (g_ptr_array_index (records, 0))));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Its %u relationship is deleted with it. You can undo this.",
                                       "Its %u relationships are deleted with it. You can undo this.",
                                       records->len - 1),
                          records->len - 1);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);

  lia_graph_view_zoom_to_fit (self->graph_view);
}

/* ---- export ------------------------------------------------------------------ */

static void
show_export_result (LiaActorsPage *self,
                    GFile         *file,
                    GError        *error)
{
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  basename = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved as “%s”"), basename);
  show_toast (self, message, FALSE);
}

/* Map data is written by a worker on a store connection of its own */
typedef struct
{
  char                 *db_path;
  LiaClock             *clock;
  char                 *operation;
  LiaActorExportFormat  format;
  LiaActorExportFlags   flags;
  GFile                *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->clock);
  g_free (data->operation);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);

  if (!(store = lia_store_open (data->db_path, data->clock, &error)) ||
      !lia_actor_export_to_file (store, data->operation, data->format,
                                 data->flags, path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (source_object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_export_result (self, data->file, error);
}

typedef struct
{
  char  *format;
  GFile *file;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_free (request->format);
  g_clear_object (&request->file);
  g_free (request);
}

static void
export_confirmed_cb (GtkWidget *widget,
                     gboolean   include_strictly_confidential,
                     gpointer   user_data)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);
  ExportRequest *request = user_data;
  const char *format = request->format;
  GFile *file = request->file;
  g_autoptr(GError) error = NULL;
  LiaActorExportFormat data_format;

  /* The picture is the widget's, drawn on this thread */
  if (g_str_equal (format, "png") || g_str_equal (format, "svg"))
    {
      if (g_str_equal (format, "png"))
        lia_graph_view_export_png (self->graph_view, file, include_strictly_confidential, &error);
      else
        lia_graph_view_export_svg (self->graph_view, file, include_strictly_confidential, &error);
      show_export_result (self, file, error);
    }
  else if (lia_actor_export_format_from_string (format, &data_format) && self->store != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, export_done_cb, NULL);
      ExportData *data = g_new0 (ExportData, 1);

      data->db_path = g_strdup (lia_store_get_path (self->store));
      data->clock = g_object_ref (lia_context_get_clock (self->context));
      data->operation = g_strdup (self->operation);
      data->format = data_format;
      data->flags = include_strictly_confidential ? LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL
                                                  : LIA_ACTOR_EXPORT_FLAGS_NONE;
      data->file = g_object_ref (file);
      g_task_set_source_tag (task, lia_actors_page_export);
      g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
      g_task_run_in_thread (task, export_thread);
    }
}

/**
 * lia_actors_page_export:
 * @format: png, svg, or a format of lia_actor_export_format_from_string()
 *
 * Asks first when the export would carry strictly confidential actors or
 * relationships, or confidential contacts (“Leave Out” or “Include”),
 * then writes the graph's picture, or the map's data in a worker, to
 * @file and says so in a toast.
 */
void
lia_actors_page_export (LiaActorsPage *self,
                        const char    *format,
                        GFile         *file)
{
  g_autoptr(GError) error = NULL;
  ExportRequest *request;
  guint n_records = 0, n_contacts = 0;

  g_return_if_fail (LIA_IS_ACTORS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (g_str_equal (format, "png") || g_str_equal (format, "svg"))
    n_records = lia_graph_view_count_strictly_confidential (self->graph_view);
  else if (self->store != NULL &&
           !lia_actor_export_count_left_out (self->store, self->operation, &n_records, &n_contacts, &error))
    {
      show_export_result (self, file, error);
      return;
    }

  request = g_new0 (ExportRequest, 1);
  request->format = g_strdup (format);
  request->file = g_object_ref (file);
  lia_export_confirm (GTK_WIDGET (self), n_records, n_contacts, export_confirmed_cb,
                      request, (GDestroyNotify) export_request_free);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    LiaActorsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lia_actors_page_export (self, g_object_get_data (G_OBJECT (chooser), "format"), file);
    }

  g_object_unref (chooser);
}

static void
export (LiaActorsPage *self,
        const char    *format,
        const char    *title,
        const char    *suggested_name)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = g_strdup_printf ("%s.%s", _("stakeholder-map"), format);

  export (LIA_ACTORS_PAGE (widget), format, _("Export the Graph"), name);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *format = g_variant_get_string (parameter, NULL);
  const char *extension = g_str_equal (format, "hxl") ? "csv" : format;
  g_autofree char *name = g_strdup_printf ("%s.%s", _("stakeholder-map"), extension);

  export (LIA_ACTORS_PAGE (widget), format, _("Export the Stakeholder Map"), name);
}

/* ---- ACLED import ------------------------------------------------------------------ */

/* Both steps run in a worker on a store connection of its own: reading the
 * file and comparing it with the store to preview, then, if the officer
 * agrees, the same again and writing.  The store is told to nobody on
 * this thread, so the page reads again when the import is done. */
typedef struct
{
  char     *db_path;
  LiaClock *clock;
  char     *operation;
  char     *csv_path;
  gboolean  commit;

  /* Results */
  guint      n_rows;
  guint      n_new_actors;
  guint      n_merged_actors;
  guint      n_new_relationships;
  guint      n_updated_relationships;
  guint      n_unchanged_relationships;
  GPtrArray *problems;   /* char*, one a row */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->clock);
  g_free (data->operation);
  g_free (data->csv_path);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaAcledImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  if (!(store = lia_store_open (data->db_path, data->clock, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  import = lia_acled_import_new (store, data->operation);
  if (!lia_acled_import_prepare (import, data->csv_path, &error) ||
      (data->commit && !lia_acled_import_commit (import, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->n_rows = lia_acled_import_get_n_rows (import);
  data->n_new_actors = lia_acled_import_get_n_new_actors (import);
  data->n_merged_actors = lia_acled_import_get_n_merged_actors (import);
  data->n_new_relationships = lia_acled_import_get_n_new_relationships (import);
  data->n_updated_relationships = lia_acled_import_get_n_updated_relationships (import);
  data->n_unchanged_relationships = lia_acled_import_get_n_unchanged_relationships (import);

  data->problems = g_ptr_array_new_with_free_func (g_free);
  problems = lia_acled_import_get_problems (import);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const LiaAcledProblem *problem = g_ptr_array_index (problems, i);

      /* Translators: a row number of a spreadsheet, then what is wrong with it */
      g_ptr_array_add (data->problems, g_strdup_printf (_("Row %u: %s"), problem->row, problem->message));
    }

  g_task_return_boolean (task, TRUE);
}

static void start_import (LiaActorsPage *self, const char *csv_path, gboolean commit);

#define MAX_PROBLEMS_SHOWN 8

static char *
describe_preview (ImportData *data)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u event read.", "%u events read.", data->n_rows),
                          data->n_rows);
  g_string_append_c (text, '\n');
  /* Translators: counts of actors an import adds and merges into those there are */
  g_string_append_printf (text, _("Actors: %u new, %u merged with actors already on the map."),
                          data->n_new_actors, data->n_merged_actors);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Relationships: %u new, %u updated, %u unchanged."),
                          data->n_new_relationships, data->n_updated_relationships,
                          data->n_unchanged_relationships);

  if (data->problems->len > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u row is skipped:",
                                                 "%u rows are skipped:", data->problems->len),
                              data->problems->len);
      for (guint i = 0; i < MIN (data->problems->len, MAX_PROBLEMS_SHOWN); i++)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, g_ptr_array_index (data->problems, i));
        }
      if (data->problems->len > MAX_PROBLEMS_SHOWN)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("…and %u more."), data->problems->len - MAX_PROBLEMS_SHOWN);
        }
    }

  return g_string_free (text, FALSE);
}

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LiaActorsPage    *self)
{
  if (g_str_equal (response, "import"))
    start_import (self, g_object_get_data (G_OBJECT (dialog), "path"), TRUE);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (source_object);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.import-acled", TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message, FALSE);
      return;
    }

  if (data->commit)
    {
      g_autofree char *message = g_strdup_printf (_("Imported: %u new actors, %u new relationships"),
                                                  data->n_new_actors, data->n_new_relationships);

      reload (self);
      show_toast (self, message, FALSE);
      return;
    }

  /* Nothing is written before the officer has seen what would be */
  body = describe_preview (data);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Import ACLED Data?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (data->csv_path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_import (LiaActorsPage *self,
              const char    *csv_path,
              gboolean       commit)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  if (self->store == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.import-acled", FALSE);

  data = g_new0 (ImportData, 1);
  data->db_path = g_strdup (lia_store_get_path (self->store));
  data->clock = g_object_ref (lia_context_get_clock (self->context));
  data->operation = g_strdup (self->operation);
  data->csv_path = g_strdup (csv_path);
  data->commit = commit;

  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * lia_actors_page_preview_acled:
 *
 * Reads @path and shows what importing it would change, writing nothing
 * until the officer agrees.
 */
void
lia_actors_page_preview_acled (LiaActorsPage *self,
                               const char    *path)
{
  g_return_if_fail (LIA_IS_ACTORS_PAGE (self));
  g_return_if_fail (path != NULL);

  start_import (self, path, FALSE);
}

static void
import_file_cb (GtkNativeDialog *chooser,
                int              response,
                LiaActorsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        lia_actors_page_preview_acled (self, path);
    }

  g_object_unref (chooser);
}

static void
import_acled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import ACLED Data"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Preview"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("ACLED CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_file_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the object ------------------------------------------------------------------ */

LiaContext *
lia_actors_page_get_context (LiaActorsPage *self)
{
  g_return_val_if_fail (LIA_IS_ACTORS_PAGE (self), NULL);

  return self->context;
}

/* The operation new records belong to: the one set with the CLI, else the
 * one this device is enrolled in */
static char *
resolve_operation (LiaContext *context)
{
  LiaStore *store = lia_context_get_store (context);
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  char *operation = lia_store_get_setting (store, "operation");

  if (operation != NULL && *operation != '\0')
    return operation;
  g_free (operation);

  enrolment = lia_sync_engine_dup_enrolment (lia_context_get_sync_engine (context));
  if (enrolment != NULL && enrolment->operation != NULL && *enrolment->operation != '\0')
    return g_strdup (enrolment->operation);

  return g_strdup (FALLBACK_OPERATION);
}

void
lia_actors_page_set_context (LiaActorsPage *self,
                             LiaContext    *context)
{
  g_return_if_fail (LIA_IS_ACTORS_PAGE (self));
  g_return_if_fail (context == NULL || LIA_IS_CONTEXT (context));

  if (self->context == context)
    return;

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (lia_context_get_sync_engine (self->context), self);
  g_clear_object (&self->history);
  g_clear_pointer (&self->operation, g_free);
  g_set_object (&self->context, context);
  if (self->map_view != NULL)
    lia_map_view_set_context (self->map_view, context);
  self->loaded = FALSE;

  if (context != NULL)
    {
      self->store = g_object_ref (lia_context_get_store (context));
      self->history = lia_record_history_new (self->store);
      self->operation = resolve_operation (context);
      self->changed_handler = g_signal_connect_object (self->store, "changed",
                                                       G_CALLBACK (store_changed_cb), self,
                                                       G_CONNECT_SWAPPED);
      /* What a sync brought in was written on a connection of its own,
       * which this store does not announce */
      g_signal_connect_object (lia_context_get_sync_engine (context), "notify::last-sync",
                               G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify",
                               G_CALLBACK (update_undo_actions), self,
                               G_CONNECT_SWAPPED);
      g_date_clear (&self->as_of, 1);
      set_as_of (self, NULL);
    }

  if (self->editor != NULL)
    lia_actor_editor_set_history (self->editor, self->history, self->operation);
  if (self->map_view != NULL)
    lia_map_view_set_operation (self->map_view, self->operation);

  update_undo_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.new", context != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.import-acled", context != NULL);

  if (context != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      ensure_editor (self);
      reload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
lia_actors_page_dispose (GObject *object)
{
  LiaActorsPage *self = (LiaActorsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  /* AdwBin unparents its child, the template's only one */
  G_OBJECT_CLASS (lia_actors_page_parent_class)->dispose (object);
}

static void
lia_actors_page_finalize (GObject *object)
{
  LiaActorsPage *self = (LiaActorsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->graph);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->actors);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->operation, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->selected_uuid, g_free);

  G_OBJECT_CLASS (lia_actors_page_parent_class)->finalize (object);
}

static void
lia_actors_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SELECTED_UUID:
      g_value_set_string (value, self->selected_uuid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_actors_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LiaActorsPage *self = LIA_ACTORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lia_actors_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_UUID:
      lia_actors_page_set_selected_uuid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_actors_page_class_init (LiaActorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_actors_page_dispose;
  object_class->finalize = lia_actors_page_finalize;
  object_class->get_property = lia_actors_page_get_property;
  object_class->set_property = lia_actors_page_set_property;

  widget_class->map = lia_actors_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_UUID] =
    g_param_spec_string ("selected-uuid", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIA_TYPE_GRAPH_VIEW);
  g_type_ensure (LIA_TYPE_ANALYSIS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-actors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, main_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, actor_list);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, flap);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, map_bin);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, graph_view);
  gtk_widget_class_bind_template_child (widget_class, LiaActorsPage, analysis_panel);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, analysis_actor_activated_cb);

  gtk_widget_class_install_action (widget_class, "actors.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "actors.new", NULL);
  gtk_widget_class_install_action (widget_class, "actors.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "actors.save", NULL);
  gtk_widget_class_install_action (widget_class, "actors.undo", NULL, undo_redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "actors.undo", NULL);
  gtk_widget_class_install_action (widget_class, "actors.redo", NULL, undo_redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "actors.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "actors.redo", NULL);
  gtk_widget_class_install_action (widget_class, "actors.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "actors.close-details", NULL, close_details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "actors.close-details", NULL);
  gtk_widget_class_install_action (widget_class, "actors.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "actors.zoom-fit", NULL);
  gtk_widget_class_install_action (widget_class, "actors.export-image", "s", export_image_action);
  gtk_widget_class_install_action (widget_class, "actors.export-data", "s", export_data_action);
  gtk_widget_class_install_action (widget_class, "actors.import-acled", NULL, import_acled_action);
  gtk_widget_class_install_action (widget_class, "actors.import-map", NULL, import_map_action);
}

static void
lia_actors_page_init (LiaActorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The toolbar's groups are not items to pick: Tab goes to their buttons */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toolbar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->as_of, 1);
  self->as_of_today = TRUE;

  self->actors = g_list_store_new (LIA_TYPE_ACTOR);
  self->filter = gtk_custom_filter_new (filter_actor, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->actors)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->actor_list, G_LIST_MODEL (self->filtered), create_row, self, NULL);

  g_signal_connect_object (self->graph_view, "notify::busy", G_CALLBACK (fit_if_pending), self, G_CONNECT_SWAPPED);

  /* One selection for the list, the graph and the map */
  g_object_bind_property (self, "selected-uuid", self->graph_view, "selected-uuid",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_menu_button_set_create_popup_func (self->filter_button, create_filter_popover, self, NULL);
  gtk_menu_button_set_create_popup_func (self->as_of_button, create_as_of_popover, self, NULL);
  update_as_of_label (self);
  update_list_stack (self);
  update_undo_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "actors.import-acled", FALSE);
}
