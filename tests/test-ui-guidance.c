/* test-ui-guidance.c — the Guidance page: the list, reading a card in one
 * language or two, search, links, bookmarks and notes, PDF and print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/guidance/render-pages also saves what
 * it renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-ui.h"
#include "lia-test-util.h"

#include "lia-guidance-card-view.h"
#include "lia-guidance-page-private.h"
#include "lia-guidance-row.h"

#define N_CARDS 20

static const char armed_escorts_en[] = "Armed escorts for humanitarian convoys";
static const char armed_escorts_fr[] = "Les escortes armées des convois humanitaires";
static const char armed_escorts_ar[] = "المرافقة المسلحة للقوافل الإنسانية";

/* The page's widgets are its template children; those of the smaller
 * widgets in it are found by their id in their templates */
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

static LiaGuidancePage *
open_guidance (LiaWindow **window)
{
  GtkWidget *page;

  *window = lia_test_ui_open_window ();
  gtk_widget_activate_action (GTK_WIDGET (*window), "win.show-page", "s", "guidance");
  page = lia_test_ui_find_type (GTK_WIDGET (*window), LIA_TYPE_GUIDANCE_PAGE);
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (page));

  return LIA_GUIDANCE_PAGE (page);
}

static LiaStore *
get_store (LiaGuidancePage *page)
{
  return lia_context_get_store (lia_guidance_page_get_context (page));
}

static guint
count_rows (LiaGuidancePage *page)
{
  GtkWidget *list = GTK_WIDGET (page->card_list);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += LIA_IS_GUIDANCE_ROW (child);

  return n;
}

static LiaGuidanceRow *
find_row (LiaGuidancePage *page,
          const char      *card_id,
          const char      *lang)
{
  GtkWidget *list = GTK_WIDGET (page->card_list);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (LIA_IS_GUIDANCE_ROW (child) &&
          g_str_equal (lia_guidance_row_get_card_id (LIA_GUIDANCE_ROW (child)), card_id) &&
          g_str_equal (lia_guidance_row_get_language (LIA_GUIDANCE_ROW (child)), lang))
        return LIA_GUIDANCE_ROW (child);
    }

  return NULL;
}

static GtkTextView *
get_text_view (LiaGuidanceCardView *view)
{
  return GTK_TEXT_VIEW (get_child (view, "text_view"));
}

static char *
dup_text (GtkTextView *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_card_shown (LiaGuidanceCardView *view,
                   const char          *card_id,
                   const char          *lang,
                   const char          *title)
{
  const LiaGuidanceEntry *entry = lia_guidance_card_view_get_entry (view);
  g_autofree char *text = dup_text (get_text_view (view));

  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->id, ==, card_id);
  g_assert_cmpstr (entry->lang, ==, lang);
  g_assert_true (g_str_has_prefix (text, title));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
}

/* What a click on a row does */
static void
open_from_list (LiaGuidancePage *page,
                const char      *card_id,
                const char      *lang)
{
  LiaGuidanceRow *row = find_row (page, card_id, lang);

  g_assert_nonnull (row);
  gtk_widget_activate (GTK_WIDGET (row));
  lia_test_ui_spin_pending ();
}

static void
select_language (GtkDropDown *dropdown,
                 guint        position)
{
  gtk_drop_down_set_selected (dropdown, position);
  lia_test_ui_spin_pending ();
}

static void
test_guidance_list_and_open (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  LiaGuidanceCardView *view = page->first_view;
  g_autofree char *text = NULL;
  GtkListBoxRow *first;

  /* The English UI opens English cards, by category */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->reading_stack), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page->bookmark_button)));
  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.side-by-side", NULL);
  g_assert_false (page->side_by_side);
  g_assert_cmpuint (count_rows (page), ==, N_CARDS);
  g_assert_nonnull (find_row (page, "armed-escorts", "en"));
  g_assert_null (find_row (page, "armed-escorts", "fr"));
  first = gtk_list_box_get_row_at_index (page->card_list, 0);
  g_assert_true (GTK_IS_LABEL (gtk_list_box_row_get_header (first)));

  open_from_list (page, "armed-escorts", "en");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->reading_stack), ==, "card");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page->bookmark_button)));
  assert_card_shown (view, "armed-escorts", "en", armed_escorts_en);
  g_assert_true (gtk_list_box_get_selected_row (page->card_list) ==
                 GTK_LIST_BOX_ROW (find_row (page, "armed-escorts", "en")));

  /* The words around the content, the source and the date */
  text = dup_text (get_text_view (view));
  g_assert_nonnull (strstr (text, "In short"));
  g_assert_nonnull (strstr (text, "Don’t"));
  g_assert_nonnull (strstr (text, "When in doubt, ask"));
  g_assert_nonnull (strstr (text, "Last updated: 29 November 2026"));
  g_assert_nonnull (strstr (text, "IASC Non-Binding Guidelines on the Use of Armed Escorts"));
  /* Written in English: not a draft translation */
  g_assert_false (gtk_widget_get_visible (get_child (view, "draft_notice")));

  lia_test_ui_close_window (window);
}

static void
test_guidance_arabic_card (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  LiaGuidanceCardView *view = page->first_view;
  GtkTextView *text_view = get_text_view (view);
  GtkLabel *draft_label = get_child (view, "draft_label");

  open_from_list (page, "armed-escorts", "en");
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (text_view)), ==, GTK_TEXT_DIR_LTR);

  /* The card in Arabic, right to left, in an English window */
  select_language (page->language_dropdown, 2);
  assert_card_shown (view, "armed-escorts", "ar", armed_escorts_ar);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (text_view)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (draft_label)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (page->search_entry)), ==, GTK_TEXT_DIR_LTR);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view), "arabic"));

  /* A draft translation says so, in the card's language */
  g_assert_true (gtk_widget_get_visible (get_child (view, "draft_notice")));
  g_assert_cmpstr (gtk_label_get_label (draft_label), ==,
                   "ترجمة مسودة — لم يراجعها بعد ممارس في التنسيق المدني العسكري");

  /* The list follows the card's language */
  g_assert_cmpuint (count_rows (page), ==, N_CARDS);
  g_assert_nonnull (find_row (page, "armed-escorts", "ar"));
  g_assert_null (find_row (page, "armed-escorts", "en"));

  select_language (page->language_dropdown, 0);
  assert_card_shown (view, "armed-escorts", "en", armed_escorts_en);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (text_view)), ==, GTK_TEXT_DIR_LTR);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (view), "arabic"));
  g_assert_nonnull (find_row (page, "armed-escorts", "en"));

  lia_test_ui_close_window (window);
}

static void
search_for (LiaGuidancePage *page,
            const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), text);
}

static void
test_guidance_search (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  GtkStack *list_stack = page->list_stack;
  g_autoptr(GtkShortcut) shortcut = NULL;
  GtkListBoxRow *result;
  GtkLabel *snippet;
  LiaGuidanceRow *row;

  /* All languages, as typed, without accents */
  g_assert_cmpuint (gtk_drop_down_get_selected (page->search_language_dropdown), ==, 0);
  search_for (page, "escorte armee");
  LIA_TEST_SPIN_UNTIL (find_row (page, "armed-escorts", "fr") != NULL);
  row = find_row (page, "armed-escorts", "fr");
  g_assert_cmpuint (count_rows (page), <, N_CARDS);
  g_assert_null (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)));

  /* The matches in bold, the language named */
  snippet = get_child (row, "snippet_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (snippet)));
  g_assert_nonnull (strstr (gtk_label_get_label (snippet), "<b>"));
  g_assert_true (gtk_widget_get_visible (get_child (row, "language_label")));

  /* Only English: the French card is not a result */
  select_language (page->search_language_dropdown, 1);
  LIA_TEST_SPIN_UNTIL (find_row (page, "armed-escorts", "fr") == NULL);
  for (guint i = 0; (result = gtk_list_box_get_row_at_index (page->card_list, i)) != NULL; i++)
    g_assert_cmpstr (lia_guidance_row_get_language (LIA_GUIDANCE_ROW (result)), ==, "en");
  select_language (page->search_language_dropdown, 0);

  /* Enter opens the best match, in its language */
  g_signal_emit_by_name (page->search_entry, "activate");
  lia_test_ui_spin_pending ();
  assert_card_shown (page->first_view, "armed-escorts", "fr", armed_escorts_fr);

  search_for (page, "zzzz qqqq");
  LIA_TEST_SPIN_UNTIL (count_rows (page) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");

  /* Clearing restores the list, in the language of the open card */
  search_for (page, "");
  LIA_TEST_SPIN_UNTIL (count_rows (page) == N_CARDS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "cards");
  g_assert_nonnull (find_row (page, "armed-escorts", "fr"));

  /* Ctrl+F brings the search back from another page */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reports");
  shortcut = lia_test_ui_find_shortcut (GTK_WIDGET (window), "<Control>f");
  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (shortcut)));
  lia_test_ui_spin_pending ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (page->search_entry)));

  lia_test_ui_close_window (window);
}

/* A click where the text of @link is shown */
static void
click_link (LiaGuidanceCardView *view,
            const char          *link)
{
  GtkTextView *text_view = get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (text_view));
  GtkGesture *click = NULL;
  GdkRectangle location;
  GtkTextIter start;
  GtkTextIter match;
  int x;
  int y;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, link, 0, &match, NULL, NULL));
  gtk_text_iter_forward_chars (&match, 2);
  gtk_text_view_get_iter_location (text_view, &match, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y + location.height / 2,
                                         &x, &y);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);

  g_signal_emit_by_name (click, "released", 1, (double) x, (double) y);
  lia_test_ui_spin_pending ();
}

static void
test_guidance_links (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  LiaGuidanceCardView *view = page->first_view;
  GtkListBox *related;
  GtkWidget *row;

  select_language (page->language_dropdown, 1);
  open_from_list (page, "armed-escorts", "fr");

  /* A link in the text opens its card in the same language */
  click_link (view, "notifier le mouvement");
  assert_card_shown (view, "hns-movement", "fr", "Notifier un mouvement");

  /* So does the related cards list, for the keyboard */
  lia_guidance_page_open_card (page, "armed-escorts", "fr");
  lia_test_ui_spin_pending ();
  related = get_child (view, "related_list");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (related)));
  row = gtk_widget_get_first_child (GTK_WIDGET (related));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Notifier un mouvement");
  g_assert_true (gtk_widget_get_focusable (row));
  gtk_widget_activate (row);
  lia_test_ui_spin_pending ();
  assert_card_shown (view, "hns-movement", "fr", "Notifier un mouvement");

  select_language (page->language_dropdown, 0);
  lia_test_ui_close_window (window);
}

static void
set_note (LiaGuidancePage *page,
          const char      *note)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (page->note_view), note, -1);
}

static gboolean
note_is_saved (LiaGuidancePage *page,
               const char      *card_id,
               const char      *note)
{
  g_autofree char *saved = lia_guidance_marks_get_note (get_store (page), card_id);

  return g_strcmp0 (saved, note) == 0;
}

static const char handover_note[] =
  "Met the brigade liaison officer on Tuesday: ask again before the convoy.";

/* What a new start of Liaison on the same data folder shows */
static void
assert_marks_shown (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  g_autofree char *shown = NULL;

  open_from_list (page, "handover", "en");
  g_assert_true (gtk_toggle_button_get_active (page->bookmark_button));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (page->bookmark_button)), ==, "starred-symbolic");
  g_assert_true (lia_guidance_row_get_bookmarked (find_row (page, "handover", "en")));
  shown = dup_text (page->note_view);
  g_assert_cmpstr (shown, ==, handover_note);

  /* Another card has neither */
  open_from_list (page, "armed-escorts", "en");
  g_assert_false (gtk_toggle_button_get_active (page->bookmark_button));
  g_clear_pointer (&shown, g_free);
  shown = dup_text (page->note_view);
  g_assert_cmpstr (shown, ==, "");

  lia_test_ui_close_window (window);
}

static void
test_guidance_marks_persist (void)
{
  LiaWindow *window;
  LiaGuidancePage *page;

  if (g_test_subprocess ())
    {
      assert_marks_shown ();
      return;
    }

  page = open_guidance (&window);
  open_from_list (page, "handover", "en");
  g_assert_false (gtk_toggle_button_get_active (page->bookmark_button));
  g_assert_false (lia_guidance_row_get_bookmarked (find_row (page, "handover", "en")));

  gtk_widget_activate (GTK_WIDGET (page->bookmark_button));
  LIA_TEST_SPIN_UNTIL (lia_guidance_marks_get_bookmarked (get_store (page), "handover"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (page->bookmark_button)), ==, "starred-symbolic");
  g_assert_true (lia_guidance_row_get_bookmarked (find_row (page, "handover", "en")));

  /* The bookmarks filter */
  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.bookmarks-only", NULL);
  g_assert_cmpuint (count_rows (page), ==, 1);
  g_assert_nonnull (find_row (page, "handover", "en"));
  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.bookmarks-only", NULL);
  g_assert_cmpuint (count_rows (page), ==, N_CARDS);

  /* A note is saved a moment after typing stops… */
  set_note (page, "first draft");
  LIA_TEST_SPIN_UNTIL (note_is_saved (page, "handover", "first draft"));

  /* …and when the window closes right after */
  set_note (page, handover_note);
  gtk_window_destroy (GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_application_get_windows (GTK_APPLICATION (lia_test_ui_get_app ())) == NULL);

  /* Another Liaison, started on the same data folder */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Removing the bookmark */
  page = open_guidance (&window);
  open_from_list (page, "handover", "en");
  gtk_widget_activate (GTK_WIDGET (page->bookmark_button));
  LIA_TEST_SPIN_UNTIL (!lia_guidance_marks_get_bookmarked (get_store (page), "handover"));
  g_assert_false (lia_guidance_row_get_bookmarked (find_row (page, "handover", "en")));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (page->bookmark_button)), ==, "non-starred-symbolic");

  lia_test_ui_close_window (window);
}

static void
test_guidance_side_by_side (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  LiaGuidanceCardView *first = page->first_view;
  LiaGuidanceCardView *second = page->second_view;
  GSettings *settings = lia_context_get_settings (lia_guidance_page_get_context (page));
  GtkWidget *toggle;
  graphene_rect_t first_bounds;
  graphene_rect_t second_bounds;

  lia_test_ui_resize (window, 1280, 800);
  open_from_list (page, "armed-escorts", "en");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (second)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->second_language_dropdown)));

  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.side-by-side", NULL);
  g_assert_false (gtk_widget_get_visible (page->list_pane));
  toggle = lia_test_ui_find (GTK_WIDGET (page), lia_test_ui_is_button_for_action, "guidance.side-by-side");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->second_language_dropdown)));
  select_language (page->second_language_dropdown, 2);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (second)) &&
                       gtk_widget_get_width (GTK_WIDGET (second)) > 0);

  /* English on the left, Arabic on the right, each in its direction */
  assert_card_shown (first, "armed-escorts", "en", armed_escorts_en);
  assert_card_shown (second, "armed-escorts", "ar", armed_escorts_ar);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (get_text_view (first))), ==, GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (get_text_view (second))), ==, GTK_TEXT_DIR_RTL);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (first), GTK_WIDGET (page), &first_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (second), GTK_WIDGET (page), &second_bounds));
  g_assert_cmpfloat (second_bounds.origin.x, >=, first_bounds.origin.x + first_bounds.size.width);

  /* The languages are independent */
  select_language (page->second_language_dropdown, 1);
  assert_card_shown (second, "armed-escorts", "fr", armed_escorts_fr);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (get_text_view (second))), ==, GTK_TEXT_DIR_LTR);
  assert_card_shown (first, "armed-escorts", "en", armed_escorts_en);

  /* Another card opens in both */
  click_link (first, "notify the movement");
  assert_card_shown (first, "hns-movement", "en", "Notifying a movement");
  assert_card_shown (second, "hns-movement", "fr", "Notifier un mouvement");

  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.side-by-side", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (second)));
  g_assert_true (gtk_widget_get_visible (page->list_pane));

  lia_test_ui_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static gboolean
is_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (path, &contents, &length, NULL) &&
         length > 4 && memcmp (contents, "%PDF", 4) == 0;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
export_pdf (LiaGuidancePage  *page,
            const char       *path,
            GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  lia_guidance_page_export_pdf_async (page, file, NULL, export_done_cb, &result);
  LIA_TEST_SPIN_UNTIL (result != NULL);

  return lia_guidance_page_export_pdf_finish (page, result, error);
}

static void
test_guidance_export_and_print (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-pdf-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "armed-escorts-ar.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "card.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);

  /* Nothing to export before a card is open */
  g_assert_null (lia_guidance_page_create_print_operation (page));
  g_assert_false (export_pdf (page, pdf, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  open_from_list (page, "armed-escorts", "en");
  select_language (page->language_dropdown, 2);
  g_assert_true (export_pdf (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (is_pdf (pdf));

  /* A folder that does not exist: an error a person can act on */
  g_assert_false (export_pdf (page, nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Printing draws the same page; exporting the print tests it headless */
  operation = lia_guidance_page_create_print_operation (page);
  g_assert_nonnull (operation);
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (is_pdf (printed));

  select_language (page->language_dropdown, 0);
  lia_test_ui_close_window (window);
  lia_test_remove_tree (dir);
}

static void
test_guidance_missing_pack (void)
{
  if (g_test_subprocess ())
    {
      LiaWindow *window;
      LiaGuidancePage *page;
      AdwStatusPage *status;

      g_setenv ("LIAISON_GUIDANCE_PACK", "/nonexistent/guidance.pack", TRUE);

      page = open_guidance (&window);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (page->main_stack), ==, "missing");
      status = page->missing_page;
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
      g_assert_nonnull (strstr (adw_status_page_get_description (status), "liaison-cli guidance install"));

      /* Ctrl+F has nothing to search, and says nothing wrong */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
      lia_test_ui_spin_pending ();

      lia_test_ui_close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_guidance_arabic_interface (void)
{
  if (g_test_subprocess ())
    {
      LiaWindow *window;
      LiaGuidancePage *page;
      LiaGuidanceCardView *view;

      /* What an Arabic desktop sets, before GTK reads it */
      g_setenv ("LANGUAGE", "ar", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);

      page = open_guidance (&window);
      view = page->first_view;
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);

      /* Cards open in the interface's language */
      g_assert_nonnull (find_row (page, "armed-escorts", "ar"));
      open_from_list (page, "armed-escorts", "ar");
      assert_card_shown (view, "armed-escorts", "ar", armed_escorts_ar);
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (get_text_view (view))), ==, GTK_TEXT_DIR_RTL);

      /* An English card in an Arabic window reads left to right */
      select_language (page->language_dropdown, 0);
      assert_card_shown (view, "armed-escorts", "en", armed_escorts_en);
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (get_text_view (view))), ==, GTK_TEXT_DIR_LTR);
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);

      lia_test_ui_close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_guidance_default_language (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  GSettings *settings = lia_context_get_settings (lia_guidance_page_get_context (page));

  /* The preference, read at start and followed when it changes */
  g_settings_set_string (settings, "guidance-language", "fr");
  g_assert_nonnull (find_row (page, "armed-escorts", "fr"));
  lia_test_ui_close_window (window);

  page = open_guidance (&window);
  g_assert_nonnull (find_row (page, "armed-escorts", "fr"));
  g_assert_cmpuint (gtk_drop_down_get_selected (page->language_dropdown), ==, 1);

  g_settings_reset (settings, "guidance-language");
  g_assert_nonnull (find_row (page, "armed-escorts", "en"));
  lia_test_ui_close_window (window);
}

static void
scroll_to_end (LiaGuidancePage *page)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (page->reading_scroller);

  /* The card is laid out in idle time: wait until it is all there */
  lia_test_ui_spin_pending ();
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) -
                            gtk_adjustment_get_page_size (adjustment));
}

static void
test_guidance_render_pages (void)
{
  LiaWindow *window;
  LiaGuidancePage *page = open_guidance (&window);
  GSettings *settings = lia_context_get_settings (lia_guidance_page_get_context (page));
  AdwLeaflet *leaflet = page->leaflet;
  guint ui_language = gtk_drop_down_get_selected (page->language_dropdown);
  const char *lang = lia_guidance_languages[ui_language];

  lia_test_ui_resize (window, 1100, 760);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-list");

  /* A card in the interface's language, with its link */
  open_from_list (page, "armed-escorts", lang);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-card");

  /* Its end: when in doubt, sources, related cards and the note */
  set_note (page, "Convoy to the north on Thursday: ask the OCHA CMCoord officer first.");
  scroll_to_end (page);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-card-end");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-card-end-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  set_note (page, "");

  /* Arabic, whatever the interface's language */
  select_language (page->language_dropdown, 2);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-card-ar");

  /* Briefing a counterpart: English and Arabic */
  lia_test_ui_resize (window, 1280, 800);
  select_language (page->language_dropdown, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.side-by-side", NULL);
  select_language (page->second_language_dropdown, 2);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (page->reading_scroller), 0);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-side-by-side");
  gtk_widget_activate_action (GTK_WIDGET (page), "guidance.side-by-side", NULL);

  select_language (page->language_dropdown, ui_language);
  lia_test_ui_resize (window, 1100, 760);
  search_for (page, "escort");
  /* Results come best first, without category headings */
  LIA_TEST_SPIN_UNTIL (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (page->card_list, 0))
                       == NULL);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-search");
  search_for (page, "");
  LIA_TEST_SPIN_UNTIL (count_rows (page) == N_CARDS);

  /* Narrow: the card alone, with a way back */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 760);
  LIA_TEST_SPIN_UNTIL (adw_leaflet_get_folded (leaflet));
  lia_test_ui_spin_pending ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page->reading_pane);
  lia_test_ui_render (GTK_WIDGET (window), "guidance-narrow-card");

  lia_test_ui_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A subprocess works on its parent's data folder */
  if (!g_test_subprocess ())
    {
      data_dir = g_dir_make_tmp ("liaison-test-ui-guidance-XXXXXX", NULL);
      g_assert_nonnull (data_dir);
      g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);
    }

  g_test_add_func ("/ui/guidance/list-and-open", test_guidance_list_and_open);
  g_test_add_func ("/ui/guidance/arabic-card", test_guidance_arabic_card);
  g_test_add_func ("/ui/guidance/search", test_guidance_search);
  g_test_add_func ("/ui/guidance/links", test_guidance_links);
  g_test_add_func ("/ui/guidance/marks-persist", test_guidance_marks_persist);
  g_test_add_func ("/ui/guidance/side-by-side", test_guidance_side_by_side);
  g_test_add_func ("/ui/guidance/export-and-print", test_guidance_export_and_print);
  g_test_add_func ("/ui/guidance/missing-pack", test_guidance_missing_pack);
  g_test_add_func ("/ui/guidance/arabic-interface", test_guidance_arabic_interface);
  g_test_add_func ("/ui/guidance/default-language", test_guidance_default_language);
  g_test_add_func ("/ui/guidance/render-pages", test_guidance_render_pages);

  status = g_test_run ();

  lia_test_ui_release_app ();
  if (data_dir != NULL)
    lia_test_remove_tree (data_dir);

  return status;
}
