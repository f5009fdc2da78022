/* test-ui-actors.c — the Actors page: adding actors and relationships
 * through the editor, the shared selection, validation, undo and redo,
 * deletion, the as-of date and the analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/actors/render-pages also saves what
 * it renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-actor-row.h"
#include "lia-actors-page-private.h"

/* The editor's widgets are found by their id in its template */
static gboolean
has_id (GtkWidget     *widget,
        gconstpointer  data)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), data) == 0;
}

static gpointer
get_child (gpointer    root,
           const char *id)
{
  GtkWidget *child = lia_test_ui_find (GTK_WIDGET (root), has_id, id);

  g_assert_nonnull (child);

  return child;
}

static LiaStore *
get_store (LiaActorsPage *page)
{
  return lia_context_get_store (lia_actors_page_get_context (page));
}

static GPtrArray *
list_records (LiaActorsPage *page,
              const char    *record_type)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = lia_store_list (get_store (page), record_type, page->operation, &error);

  g_assert_no_error (error);

  return records;
}

static guint
count_records (LiaActorsPage *page,
               const char    *record_type)
{
  g_autoptr(GPtrArray) records = list_records (page, record_type);

  return records->len;
}

/* Each test starts from an empty map, whatever ran before it */
static void
clear_map (LiaActorsPage *page)
{
  static const char * const types[] = { "relationship", "actor" };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) records = list_records (page, types[t]);

      for (guint i = 0; i < records->len; i++)
        {
          g_autoptr(GError) error = NULL;

          lia_store_delete (get_store (page), g_ptr_array_index (records, i), &error);
          g_assert_no_error (error);
        }
    }
}

static LiaActorsPage *
open_actors (LiaWindow **window)
{
  GtkWidget *page;

  *window = lia_test_ui_open_window ();
  lia_test_ui_resize (*window, 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (*window), "win.show-page", "s", "actors");
  page = lia_test_ui_find_type (GTK_WIDGET (*window), LIA_TYPE_ACTORS_PAGE);
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (page));
  g_assert_nonnull (LIA_ACTORS_PAGE (page)->editor);
  clear_map (LIA_ACTORS_PAGE (page));

  return LIA_ACTORS_PAGE (page);
}

static void
close_actors (LiaWindow *window)
{
  GSettings *settings = lia_context_get_settings (lia_window_get_context (window));

  lia_test_ui_close_window (window);
  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
type_into (LiaActorsPage *page,
           const char    *id,
           const char    *text)
{
  GtkWidget *row = get_child (page->editor, id);

  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  lia_test_ui_spin_pending ();
}

static void
choose (LiaActorsPage *page,
        const char    *id,
        guint          position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (page->editor, id)), position);
  lia_test_ui_spin_pending ();
}

static gboolean
is_sensitive (LiaActorsPage *page,
              const char    *id)
{
  return gtk_widget_is_sensitive (get_child (page->editor, id));
}

static gboolean
has_error (LiaActorsPage *page,
           const char    *id)
{
  return gtk_widget_has_css_class (get_child (page->editor, id), "error");
}

static const char *
shown_error (LiaActorsPage *page,
             const char    *id)
{
  GtkLabel *label = get_child (page->editor, id);

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : NULL;
}

/* A button is pressed for a moment before it is clicked: the caller waits
 * for what the click does */
static void
press (LiaActorsPage *page,
       const char    *id)
{
  GtkWidget *button = get_child (page->editor, id);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  gtk_widget_activate (button);
}

static LiaActor *
load_actor (LiaActorsPage *page,
            const char    *uuid)
{
  g_autoptr(GError) error = NULL;
  LiaRecord *record = lia_store_load (get_store (page), uuid, &error);

  g_assert_no_error (error);
  g_assert_true (LIA_IS_ACTOR (record));

  return LIA_ACTOR (record);
}

static char *
find_uuid (LiaActorsPage *page,
           const char    *name)
{
  g_autoptr(GPtrArray) actors = list_records (page, "actor");

  for (guint i = 0; i < actors->len; i++)
    {
      if (g_str_equal (lia_actor_get_name (g_ptr_array_index (actors, i)), name))
        return g_strdup (lia_record_get_uuid (g_ptr_array_index (actors, i)));
    }

  return NULL;
}

static LiaActorRow *
find_row (LiaActorsPage *page,
          const char    *uuid)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page->actor_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (LIA_IS_ACTOR_ROW (child) && g_str_equal (lia_actor_row_get_uuid (LIA_ACTOR_ROW (child)), uuid))
        return LIA_ACTOR_ROW (child);
    }

  return NULL;
}

static void
add_actor (LiaActorsPage *page,
           const char    *name,
           const char    *arabic_name,
           LiaActorType   type,
           const char    *lat,
           const char    *lon)
{
  guint n_before = count_records (page, "actor");

  gtk_widget_activate_action (GTK_WIDGET (page), "actors.new", NULL);
  lia_test_ui_spin_pending ();
  g_assert_true (adw_flap_get_reveal_flap (page->flap));
  g_assert_true (lia_actor_editor_get_is_new (page->editor));

  /* Nothing to save without a name, which a fresh form does not yet
   * complain about */
  g_assert_false (is_sensitive (page, "save_button"));
  g_assert_null (shown_error (page, "names_error_label"));

  type_into (page, "name_row", name);
  type_into (page, "name_ar_row", arabic_name);
  choose (page, "type_row", type);
  type_into (page, "lat_row", lat);
  type_into (page, "lon_row", lon);

  press (page, "save_button");
  LIA_TEST_SPIN_UNTIL (count_records (page, "actor") == n_before + 1);
  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_actors (page->graph_view) == n_before + 1);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      /* Still referenced by the list of toplevels */
      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_actors_edit (void)
{
  LiaWindow *window;
  LiaActorsPage *page = open_actors (&window);
  g_autofree char *nrf = NULL;
  g_autofree char *ocha = NULL;
  g_autoptr(LiaActor) stored = NULL;
  AdwMessageDialog *dialog;
  LiaActorRow *row;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "empty");

  /* Two actors through the editor's real entries and Save button */
  add_actor (page, "Northern Ridge Front", "جبهة التلال الشمالية", LIA_ACTOR_TYPE_REBEL_GROUP, "13.0", "29.88");
  add_actor (page, "OCHA Korvania", "أوتشا كورفانيا", LIA_ACTOR_TYPE_HUMANITARIAN, "11.91", "30.88");
  nrf = find_uuid (page, "Northern Ridge Front");
  ocha = find_uuid (page, "OCHA Korvania");
  g_assert_nonnull (nrf);
  g_assert_nonnull (ocha);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "list");
  g_assert_nonnull (find_row (page, nrf));
  g_assert_nonnull (find_row (page, ocha));

  stored = load_actor (page, nrf);
  g_assert_cmpint (lia_actor_get_actor_type (stored), ==, LIA_ACTOR_TYPE_REBEL_GROUP);
  g_assert_cmpstr (lia_actor_get_localized_name (stored, "ar"), ==, "جبهة التلال الشمالية");
  g_assert_cmpuint (lia_actor_get_n_locations (stored), ==, 1);
  g_assert_cmpfloat_with_epsilon (lia_actor_get_location (stored, 0)->lat, 13.0, 1e-9);
  g_clear_object (&stored);

  /* The saved actor is selected, everywhere */
  g_assert_cmpstr (lia_actors_page_get_selected_uuid (page), ==, ocha);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (page->graph_view), ==, ocha);
  g_assert_false (lia_actor_editor_get_is_new (page->editor));

  /* A relationship that ends before it starts is refused, visibly */
  choose (page, "rel_type_row", LIA_RELATIONSHIP_LIAISON_CHANNEL);
  choose (page, "rel_target_row", 0);
  type_into (page, "rel_start_row", "2024-05-01");
  type_into (page, "rel_end_row", "2024-01-01");
  g_assert_false (is_sensitive (page, "add_relationship_button"));
  g_assert_nonnull (shown_error (page, "relationship_error_label"));
  g_assert_true (has_error (page, "rel_end_row"));
  g_assert_cmpuint (count_records (page, "relationship"), ==, 0);

  /* …and accepted once the dates are right */
  type_into (page, "rel_end_row", "");
  g_assert_null (shown_error (page, "relationship_error_label"));
  press (page, "add_relationship_button");
  LIA_TEST_SPIN_UNTIL (count_records (page, "relationship") == 1);
  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_relationships (page->graph_view) == 1);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (page->graph_view), ==, 2);

  /* Selecting in the list shows the actor in the editor and the graph */
  row = find_row (page, nrf);
  g_assert_nonnull (row);
  gtk_list_box_select_row (page->actor_list, GTK_LIST_BOX_ROW (row));
  lia_test_ui_spin_pending ();
  g_assert_cmpstr (lia_actors_page_get_selected_uuid (page), ==, nrf);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (page->graph_view), ==, nrf);
  g_assert_cmpstr (lia_actor_editor_get_uuid (page->editor), ==, nrf);
  g_assert_cmpstr (gtk_label_get_label (get_child (page->editor, "subtitle_label")), ==,
                   lia_actor_type_get_label (LIA_ACTOR_TYPE_REBEL_GROUP));
  g_assert_cmpstr (gtk_editable_get_text (get_child (page->editor, "name_row")), ==, "Northern Ridge Front");
  g_assert_cmpstr (gtk_editable_get_text (get_child (page->editor, "lat_row")), ==, "13");

  /* Who influences the Front is entered from the Front too */
  choose (page, "rel_type_row", LIA_RELATIONSHIP_INFLUENCES);
  choose (page, "rel_target_row", 0);
  choose (page, "rel_direction_row", 1);
  press (page, "add_relationship_button");
  LIA_TEST_SPIN_UNTIL (count_records (page, "relationship") == 2);
  {
    g_autoptr(GPtrArray) relationships = list_records (page, "relationship");
    gboolean found = FALSE;

    for (guint i = 0; i < relationships->len; i++)
      {
        LiaRelationship *relationship = g_ptr_array_index (relationships, i);

        found |= lia_relationship_get_relationship_type (relationship) == LIA_RELATIONSHIP_INFLUENCES &&
                 g_str_equal (lia_relationship_get_source_uuid (relationship), ocha) &&
                 g_str_equal (lia_relationship_get_target_uuid (relationship), nrf);
      }
    g_assert_true (found);
  }
  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_relationships (page->graph_view) == 2);

  /* …and selecting in the graph selects in the list */
  lia_graph_view_set_selected_uuid (page->graph_view, ocha);
  lia_test_ui_spin_pending ();
  g_assert_cmpstr (lia_actors_page_get_selected_uuid (page), ==, ocha);
  g_assert_true (gtk_list_box_get_selected_row (page->actor_list) == GTK_LIST_BOX_ROW (find_row (page, ocha)));
  g_assert_cmpstr (lia_actor_editor_get_uuid (page->editor), ==, ocha);
  gtk_list_box_select_row (page->actor_list, GTK_LIST_BOX_ROW (find_row (page, nrf)));
  lia_test_ui_spin_pending ();

  /* A latitude off the globe is refused, next to the field, and not saved */
  type_into (page, "lat_row", "95");
  g_assert_false (is_sensitive (page, "save_button"));
  g_assert_true (has_error (page, "lat_row"));
  g_assert_nonnull (shown_error (page, "location_error_label"));
  stored = load_actor (page, nrf);
  g_assert_cmpfloat_with_epsilon (lia_actor_get_location (stored, 0)->lat, 13.0, 1e-9);
  g_clear_object (&stored);

  /* A good one is saved */
  type_into (page, "lat_row", "13.5");
  type_into (page, "name_row", "Northern Ridge Front (NRF)");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (get_child (page->editor, "goals_view")),
                            "Autonomy for the Upper Veld.\nRecognition as a party to talks.", -1);
  g_assert_false (has_error (page, "lat_row"));
  g_assert_null (shown_error (page, "location_error_label"));
  g_assert_true (is_sensitive (page, "save_button"));
  /* …this time with Ctrl+S */
  {
    g_autoptr(GtkShortcut) save = lia_test_ui_find_shortcut (GTK_WIDGET (page), "<Control>s");

    g_assert_nonnull (save);
    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (save), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 GTK_WIDGET (page), gtk_shortcut_get_arguments (save)));
  }
  LIA_TEST_SPIN_UNTIL (find_uuid (page, "Northern Ridge Front (NRF)") != NULL);
  stored = load_actor (page, nrf);
  g_assert_cmpfloat_with_epsilon (lia_actor_get_location (stored, 0)->lat, 13.5, 1e-9);
  g_assert_cmpstr (lia_actor_get_goals (stored), ==, "Autonomy for the Upper Veld.\nRecognition as a party to talks.");
  g_clear_object (&stored);

  /* Undo writes the previous state back through the store… */
  gtk_widget_activate_action (GTK_WIDGET (page), "actors.undo", NULL);
  lia_test_ui_spin_pending ();
  stored = load_actor (page, nrf);
  g_assert_cmpstr (lia_actor_get_name (stored), ==, "Northern Ridge Front");
  g_assert_cmpfloat_with_epsilon (lia_actor_get_location (stored, 0)->lat, 13.0, 1e-9);
  g_assert_null (lia_actor_get_goals (stored));
  g_assert_cmpint (lia_record_get_revision (LIA_RECORD (stored)), ==, 3);
  g_clear_object (&stored);
  /* …and the editor follows */
  g_assert_cmpstr (gtk_editable_get_text (get_child (page->editor, "name_row")), ==, "Northern Ridge Front");

  /* Redo, by its shortcut's action, brings the change back */
  gtk_widget_activate_action (GTK_WIDGET (page), "actors.redo", NULL);
  lia_test_ui_spin_pending ();
  stored = load_actor (page, nrf);
  g_assert_cmpstr (lia_actor_get_name (stored), ==, "Northern Ridge Front (NRF)");
  g_clear_object (&stored);

  /* Deleting asks first, takes the relationship along, and can be undone */
  gtk_widget_activate_action (GTK_WIDGET (page), "actors.delete", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (count_records (page, "actor"), ==, 2);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  lia_test_ui_spin_pending ();
  g_assert_cmpuint (count_records (page, "actor"), ==, 1);
  g_assert_cmpuint (count_records (page, "relationship"), ==, 0);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (page->graph_view), ==, 1);
  g_assert_null (find_row (page, nrf));
  g_assert_null (lia_actors_page_get_selected_uuid (page));

  gtk_widget_activate_action (GTK_WIDGET (page), "actors.undo", NULL);
  lia_test_ui_spin_pending ();
  g_assert_cmpuint (count_records (page, "actor"), ==, 2);
  g_assert_cmpuint (count_records (page, "relationship"), ==, 2);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (page->graph_view), ==, 2);
  g_assert_nonnull (find_row (page, nrf));

  /* The shortcuts are there */
  {
    g_autoptr(GtkShortcut) undo = lia_test_ui_find_shortcut (GTK_WIDGET (page), "<Control>z");
    g_autoptr(GtkShortcut) redo = lia_test_ui_find_shortcut (GTK_WIDGET (page), "<Shift><Control>z");
    g_autoptr(GtkShortcut) new_actor = lia_test_ui_find_shortcut (GTK_WIDGET (page), "<Control>n");

    g_assert_nonnull (undo);
    g_assert_nonnull (redo);
    g_assert_nonnull (new_actor);
  }

  close_actors (window);
}

static void
test_actors_import_acled (void)
{
  LiaWindow *window;
  LiaActorsPage *page = open_actors (&window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "acled-korvania.csv", NULL);
  g_autoptr(LiaAcledImport) expected = lia_acled_import_new (get_store (page), page->operation);
  g_autoptr(GError) error = NULL;
  g_autofree char *actors_line = NULL;
  g_autofree char *problem_line = NULL;
  AdwMessageDialog *dialog;
  const char *body;
  GPtrArray *problems;

  /* What the core says the file holds, to compare with what the officer sees */
  g_assert_true (lia_acled_import_prepare (expected, path, &error));
  g_assert_no_error (error);
  problems = lia_acled_import_get_problems (expected);
  g_assert_cmpuint (problems->len, >, 0);
  actors_line = g_strdup_printf (_("Actors: %u new, %u merged with actors already on the map."),
                                 lia_acled_import_get_n_new_actors (expected),
                                 lia_acled_import_get_n_merged_actors (expected));
  problem_line = g_strdup_printf (_("Row %u: %s"),
                                  ((LiaAcledProblem *) g_ptr_array_index (problems, 0))->row,
                                  ((LiaAcledProblem *) g_ptr_array_index (problems, 0))->message);

  /* A preview first, and nothing written */
  lia_actors_page_preview_acled (page, path);
  LIA_TEST_SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, actors_line));
  g_assert_nonnull (strstr (body, problem_line));
  g_assert_cmpuint (count_records (page, "actor"), ==, 0);

  /* Importing writes it, in the background, and the page shows it */
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  LIA_TEST_SPIN_UNTIL (count_records (page, "actor") == lia_acled_import_get_n_new_actors (expected));
  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_actors (page->graph_view) ==
                       lia_acled_import_get_n_new_actors (expected));
  g_assert_cmpuint (count_records (page, "relationship"), ==, lia_acled_import_get_n_new_relationships (expected));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->list_stack), ==, "list");

  /* Out again: GeoJSON written by a worker, and the graph as a picture */
  {
    g_autofree char *dir = g_dir_make_tmp ("liaison-test-export-XXXXXX", NULL);
    g_autofree char *geojson_path = g_build_filename (dir, "map.geojson", NULL);
    g_autofree char *png_path = g_build_filename (dir, "map.png", NULL);
    g_autoptr(GFile) geojson = g_file_new_for_path (geojson_path);
    g_autoptr(GFile) png = g_file_new_for_path (png_path);
    g_autofree char *contents = NULL;
    g_autoptr(GdkTexture) texture = NULL;

    lia_actors_page_export (page, "geojson", geojson);
    LIA_TEST_SPIN_UNTIL (g_file_test (geojson_path, G_FILE_TEST_EXISTS) &&
                         g_file_get_contents (geojson_path, &contents, NULL, NULL) &&
                         strstr (contents, "FeatureCollection") != NULL);
    g_assert_nonnull (strstr (contents, "Northern Ridge Front"));

    LIA_TEST_SPIN_UNTIL (!lia_graph_view_get_busy (page->graph_view));
    lia_actors_page_export (page, "png", png);
    texture = gdk_texture_new_from_filename (png_path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), >, 0);

    lia_test_remove_tree (dir);
  }

  close_actors (window);
}

/* An icon alone says nothing to a screen reader or a newcomer */
static void
assert_icon_buttons_named (GtkWidget *widget,
                           guint     *n_checked)
{
  const char *icon = NULL;

  if (GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
      GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL)
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));

  /* A spin button's own + and − are GTK's business */
  if (icon != NULL && gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) == NULL &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) == NULL)
    {
      if (gtk_widget_get_tooltip_text (widget) == NULL)
        g_error ("The %s button has no tooltip", icon);
      (*n_checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_icon_buttons_named (child, n_checked);
}

static void
test_actors_icon_buttons (void)
{
  LiaWindow *window;
  LiaActorsPage *page = open_actors (&window);
  guint n_checked = 0;

  add_actor (page, "OCHA Korvania", "أوتشا كورفانيا", LIA_ACTOR_TYPE_HUMANITARIAN, "11.91", "30.88");
  /* The page's own buttons, not those of libadwaita's toasts */
  assert_icon_buttons_named (adw_toast_overlay_get_child (page->toast_overlay), &n_checked);
  /* New, zoom to fit, export, import, close details at least */
  g_assert_cmpuint (n_checked, >=, 5);

  close_actors (window);
}

/* ---- a map like the demo's ---------------------------------------------------------- */

typedef struct
{
  const char   *name;
  const char   *arabic;
  LiaActorType  type;
  int           influence;
  double        lat;
  double        lon;
  LiaEngagement engagement;
  LiaSensitivity sensitivity;
} DemoActor;

static const DemoActor demo_actors[] = {
  { "OCHA Korvania", "أوتشا كورفانيا", LIA_ACTOR_TYPE_HUMANITARIAN, 5, 11.91, 30.88, LIA_ENGAGEMENT_REGULAR_DIALOGUE, LIA_SENSITIVITY_RESTRICTED },
  { "Korvanian Red Crescent", "الهلال الأحمر الكورفاني", LIA_ACTOR_TYPE_HUMANITARIAN, 6, 12.02, 30.71, LIA_ENGAGEMENT_REGULAR_DIALOGUE, LIA_SENSITIVITY_RESTRICTED },
  { "Ministry of Defence", "وزارة الدفاع", LIA_ACTOR_TYPE_GOVERNMENT, 9, 11.90, 30.90, LIA_ENGAGEMENT_INDIRECT, LIA_SENSITIVITY_RESTRICTED },
  { "Korvanian Armed Forces", "القوات المسلحة الكورفانية", LIA_ACTOR_TYPE_STATE_FORCES, 9, 12.45, 30.10, LIA_ENGAGEMENT_REGULAR_DIALOGUE, LIA_SENSITIVITY_CONFIDENTIAL },
  { "4th Brigade", "اللواء الرابع", LIA_ACTOR_TYPE_STATE_FORCES, 6, 12.45, 30.10, LIA_ENGAGEMENT_CHANNEL_ESTABLISHED, LIA_SENSITIVITY_RESTRICTED },
  { "Northern Ridge Front", "جبهة التلال الشمالية", LIA_ACTOR_TYPE_REBEL_GROUP, 7, 13.00, 29.88, LIA_ENGAGEMENT_INDIRECT, LIA_SENSITIVITY_CONFIDENTIAL },
  { "Tessaly Self-Defence Units", "وحدات الدفاع الذاتي في تيساليا", LIA_ACTOR_TYPE_IDENTITY_MILITIA, 4, 12.23, 30.44, LIA_ENGAGEMENT_NO_CONTACT, LIA_SENSITIVITY_RESTRICTED },
  { "Blue Crescent Militia", "ميليشيا الهلال الأزرق", LIA_ACTOR_TYPE_POLITICAL_MILITIA, 5, 13.00, 29.88, LIA_ENGAGEMENT_NO_CONTACT, LIA_SENSITIVITY_RESTRICTED },
  { "UN Mission in Korvania", "بعثة الأمم المتحدة في كورفانيا", LIA_ACTOR_TYPE_PEACEKEEPING, 6, 12.10, 30.60, LIA_ENGAGEMENT_REGULAR_DIALOGUE, LIA_SENSITIVITY_RESTRICTED },
  { "Tessaly Elders Council", "مجلس شيوخ تيساليا", LIA_ACTOR_TYPE_CIVIL_SOCIETY, 6, 12.23, 30.44, LIA_ENGAGEMENT_REGULAR_DIALOGUE, LIA_SENSITIVITY_RESTRICTED },
  { "Veldline Security Services", "خدمات فيلدلاين الأمنية", LIA_ACTOR_TYPE_PRIVATE_SECURITY, 2, 12.70, 30.00, LIA_ENGAGEMENT_NO_CONTACT, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL },
  { "External Coalition Task Force", "قوة المهام التابعة للتحالف الخارجي", LIA_ACTOR_TYPE_EXTERNAL_FORCES, 8, 12.80, 30.30, LIA_ENGAGEMENT_CHANNEL_ESTABLISHED, LIA_SENSITIVITY_RESTRICTED },
};

typedef struct
{
  guint               from;
  guint               to;
  LiaRelationshipType type;
  double              weight;
  const char         *start;
  const char         *end;
} DemoLink;

static const DemoLink demo_links[] = {
  { 0, 3, LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.8, "2023-06-01", NULL },
  { 0, 8, LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.9, "2023-01-15", NULL },
  { 0, 9, LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.7, NULL, NULL },
  { 1, 5, LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.5, "2024-02-01", NULL },
  { 2, 3, LIA_RELATIONSHIP_COMMANDS, 0.9, NULL, NULL },
  { 3, 4, LIA_RELATIONSHIP_COMMANDS, 0.8, NULL, NULL },
  { 3, 5, LIA_RELATIONSHIP_HOSTILE_TO, 0.9, NULL, NULL },
  { 4, 6, LIA_RELATIONSHIP_SUPPORTS, 0.6, "2023-09-01", NULL },
  { 9, 6, LIA_RELATIONSHIP_INFLUENCES, 0.8, NULL, NULL },
  { 9, 5, LIA_RELATIONSHIP_NEGOTIATES_WITH, 0.4, "2024-03-12", NULL },
  { 7, 6, LIA_RELATIONSHIP_HOSTILE_TO, 0.7, NULL, NULL },
  { 5, 7, LIA_RELATIONSHIP_ALLIED_WITH, 0.6, NULL, "2024-01-31" },
  { 5, 7, LIA_RELATIONSHIP_HOSTILE_TO, 0.5, "2024-02-15", NULL },
  { 8, 11, LIA_RELATIONSHIP_NEGOTIATES_WITH, 0.6, NULL, NULL },
  { 11, 3, LIA_RELATIONSHIP_SUPPORTS, 0.7, NULL, NULL },
  { 10, 11, LIA_RELATIONSHIP_SUPPORTS, 0.4, NULL, NULL },
};

static char **
load_demo_map (LiaActorsPage *page)
{
  LiaStore *store = get_store (page);
  g_autoptr(GError) error = NULL;
  char **uuids = g_new0 (char *, G_N_ELEMENTS (demo_actors) + 1);

  g_assert_true (lia_store_begin (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (demo_actors); i++)
    {
      const DemoActor *demo = &demo_actors[i];
      g_autoptr(LiaActor) actor = lia_actor_new (page->operation, demo->name, demo->type);

      lia_actor_set_localized_name (actor, "ar", demo->arabic);
      lia_actor_set_influence (actor, demo->influence);
      lia_actor_set_engagement (actor, demo->engagement);
      lia_actor_add_location (actor, demo->lat, demo->lon, NULL);
      lia_record_set_sensitivity (LIA_RECORD (actor), demo->sensitivity);
      g_assert_true (lia_store_save (store, LIA_RECORD (actor), &error));
      uuids[i] = g_strdup (lia_record_get_uuid (LIA_RECORD (actor)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_links); i++)
    {
      const DemoLink *demo = &demo_links[i];
      g_autoptr(LiaRelationship) relationship = lia_relationship_new (page->operation,
                                                                      uuids[demo->from], uuids[demo->to],
                                                                      demo->type);
      GDate date;

      lia_relationship_set_weight (relationship, demo->weight);
      if (demo->start != NULL && lia_date_parse_iso (demo->start, &date))
        lia_relationship_set_start_date (relationship, &date);
      if (demo->end != NULL && lia_date_parse_iso (demo->end, &date))
        lia_relationship_set_end_date (relationship, &date);
      g_assert_true (lia_store_save (store, LIA_RECORD (relationship), &error));
    }
  g_assert_true (lia_store_commit (store, &error));
  g_assert_no_error (error);

  return uuids;
}

static void
test_actors_as_of_and_analysis (void)
{
  LiaWindow *window;
  LiaActorsPage *page = open_actors (&window);
  g_auto(GStrv) uuids = load_demo_map (page);
  guint n_today;
  GDate date;

  /* The store's "changed" reloaded the page, no polling */
  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_actors (page->graph_view) == G_N_ELEMENTS (demo_actors));
  n_today = lia_graph_view_get_n_visible_relationships (page->graph_view);
  /* Today the alliance of the Front and the Militia has ended */
  g_assert_cmpuint (n_today, ==, G_N_ELEMENTS (demo_links) - 1);

  /* On 1 December 2023 the alliance held, and three later links did not yet */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_DECEMBER, 2023);
  lia_actors_page_set_as_of (page, &date);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (page->graph_view), ==,
                    G_N_ELEMENTS (demo_links) - 3);
  lia_actors_page_set_as_of (page, NULL);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (page->graph_view), ==, n_today);

  /* The same through the calendar of the as-of button */
  gtk_menu_button_popup (page->as_of_button);
  lia_test_ui_spin_pending ();
  g_assert_nonnull (page->as_of_calendar);
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2023, 12, 1, 12, 0, 0);

    gtk_calendar_select_day (page->as_of_calendar, day);
  }
  lia_test_ui_spin_pending ();
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (page->graph_view), ==,
                    G_N_ELEMENTS (demo_links) - 3);
  g_assert_cmpstr (gtk_menu_button_get_label (page->as_of_button), ==, "As of 2023-12-01");
  gtk_menu_button_popdown (page->as_of_button);
  lia_actors_page_set_as_of (page, NULL);

  /* Filters hide a type and what links it */
  lia_graph_view_set_type_visible (page->graph_view, LIA_ACTOR_TYPE_PRIVATE_SECURITY, FALSE);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (page->graph_view), ==, G_N_ELEMENTS (demo_actors) - 1);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (page->graph_view), ==, n_today - 1);
  lia_graph_view_set_type_visible (page->graph_view, LIA_ACTOR_TYPE_PRIVATE_SECURITY, TRUE);

  /* The map is made when first shown, with a marker per located actor and
   * the page's selection */
  g_assert_null (page->map_view);
  adw_view_stack_set_visible_child_name (page->view_stack, "map");
  lia_test_ui_spin_pending ();
  g_assert_nonnull (page->map_view);
  g_assert_cmpuint (lia_map_view_get_n_markers (page->map_view), ==, G_N_ELEMENTS (demo_actors));
  lia_actors_page_set_selected_uuid (page, uuids[3]);
  g_assert_cmpstr (lia_map_view_get_selected_uuid (page->map_view), ==, uuids[3]);
  lia_map_view_set_selected_uuid (page->map_view, uuids[4]);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (page->graph_view), ==, uuids[4]);

  /* The analysis names the brokers, and how to reach the Front */
  lia_actors_page_set_selected_uuid (page, uuids[5]);
  adw_view_stack_set_visible_child_name (page->view_stack, "analysis");
  lia_test_ui_spin_pending ();
  {
    g_autofree char *reach_title = g_strdup_printf (_("How to reach %s"), "Northern Ridge Front");
    AdwPreferencesGroup *brokers = NULL;
    AdwPreferencesGroup *reach = NULL;
    AdwActionRow *first_broker;
    guint top = LIA_ACTOR_GRAPH_NO_NODE;
    LiaActor *top_actor;
    g_autofree char *top_uuid = NULL;
    GtkWidget *widget = GTK_WIDGET (page->analysis_panel);

    for (GtkWidget *child = lia_test_ui_find_type (widget, ADW_TYPE_PREFERENCES_GROUP);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child));

        if (g_strcmp0 (title, _("Brokers")) == 0)
          brokers = ADW_PREFERENCES_GROUP (child);
        else if (g_strcmp0 (title, reach_title) == 0)
          reach = ADW_PREFERENCES_GROUP (child);
      }
    g_assert_nonnull (brokers);
    g_assert_nonnull (reach);

    /* The first broker is the actor on most shortest paths */
    for (guint v = 0; v < lia_actor_graph_get_n_actors (page->graph); v++)
      {
        if (top == LIA_ACTOR_GRAPH_NO_NODE ||
            lia_actor_graph_get_betweenness (page->graph, v, FALSE) >
            lia_actor_graph_get_betweenness (page->graph, top, FALSE))
          top = v;
      }
    top_actor = lia_actor_graph_get_actor (page->graph, top);
    first_broker = ADW_ACTION_ROW (lia_test_ui_find_type (GTK_WIDGET (brokers), ADW_TYPE_ACTION_ROW));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_broker)), ==,
                     lia_actor_get_name (top_actor));
    top_uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (top_actor)));

    /* Activating a row selects its actor */
    g_signal_emit_by_name (first_broker, "activated");
    g_assert_cmpstr (lia_actors_page_get_selected_uuid (page), ==, top_uuid);
    g_assert_cmpstr (lia_graph_view_get_selected_uuid (page->graph_view), ==, top_uuid);
  }

  adw_view_stack_set_visible_child_name (page->view_stack, "graph");
  close_actors (window);
}

static void
test_actors_render_pages (void)
{
  LiaWindow *window;
  LiaActorsPage *page = open_actors (&window);
  g_auto(GStrv) uuids = load_demo_map (page);

  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_actors (page->graph_view) == G_N_ELEMENTS (demo_actors));

  LIA_TEST_SPIN_UNTIL (!lia_graph_view_get_busy (page->graph_view));
  lia_graph_view_zoom_to_fit (page->graph_view);
  lia_test_ui_render (GTK_WIDGET (window), "actors-graph");

  /* With the editor open beside it, fitted to what is left */
  lia_actors_page_set_selected_uuid (page, uuids[5]);
  lia_test_ui_spin_pending ();
  lia_graph_view_zoom_to_fit (page->graph_view);
  lia_test_ui_render (GTK_WIDGET (window), "actors-graph-selected");

  adw_view_stack_set_visible_child_name (page->view_stack, "analysis");
  lia_test_ui_render (GTK_WIDGET (window), "actors-analysis");

  adw_view_stack_set_visible_child_name (page->view_stack, "map");
  lia_test_ui_spin_pending ();
  LIA_TEST_SPIN_UNTIL (lia_map_view_get_n_basemap_tiles_loaded (page->map_view) > 0 &&
                       lia_map_view_get_n_tiles_loading (page->map_view) == 0);
  lia_test_ui_render (GTK_WIDGET (window), "actors-map");

  /* Further down the editor: the assessment, then contacts and relationships */
  {
    GtkScrolledWindow *scroller = get_child (page->editor, "scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    lia_test_ui_spin_pending ();
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.4);
    lia_test_ui_render (GTK_WIDGET (window), "actors-editor-assessment");
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    lia_test_ui_render (GTK_WIDGET (window), "actors-editor-relationships");
    gtk_adjustment_set_value (adjustment, 0);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  adw_view_stack_set_visible_child_name (page->view_stack, "graph");
  lia_test_ui_spin_pending ();
  lia_graph_view_zoom_to_fit (page->graph_view);
  lia_test_ui_render (GTK_WIDGET (window), "actors-graph-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Narrow: one column at a time, the toolbar on two lines, and the
   * window no wider for this page */
  lia_actors_page_set_selected_uuid (page, NULL);
  adw_flap_set_reveal_flap (page->flap, FALSE);
  {
    int min_width;

    /* The page asks no more than the main pane's 360 px… */
    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <=, 360);
  }
  /* …though some languages keep the window a little wider than 400 px, as
   * /ui/window/render-pages says */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  LIA_TEST_SPIN_UNTIL (adw_leaflet_get_folded (page->leaflet));
  adw_leaflet_navigate (page->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  lia_test_ui_spin_pending ();
  g_assert_true (adw_leaflet_get_visible_child (page->leaflet) == page->main_pane);
  lia_graph_view_zoom_to_fit (page->graph_view);
  lia_test_ui_render (GTK_WIDGET (window), "actors-narrow");

  close_actors (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-actors-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/actors/edit", test_actors_edit);
  g_test_add_func ("/ui/actors/as-of-and-analysis", test_actors_as_of_and_analysis);
  g_test_add_func ("/ui/actors/import-acled", test_actors_import_acled);
  g_test_add_func ("/ui/actors/icon-buttons", test_actors_icon_buttons);
  g_test_add_func ("/ui/actors/render-pages", test_actors_render_pages);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);

  return status;
}
