/* lia-guidance-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-card-language.h"
#include "lia-guidance-page-private.h"
#include "lia-guidance-row.h"

/* Long enough not to write on every key, short enough that a note is
 * never far behind what was typed. */
#define NOTE_SAVE_DELAY_MS 800

/* Every card in every language, and then some */
#define SEARCH_LIMIT 100

G_DEFINE_FINAL_TYPE (LiaGuidancePage, lia_guidance_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDE_BY_SIDE,
  PROP_BOOKMARKS_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_lia_guidance_page_show_toast (LiaGuidancePage *self,
                               const char      *message)
{
  /* A toast's title is markup */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static LiaStore *
get_store (LiaGuidancePage *self)
{
  return lia_context_get_store (self->context);
}

static const char *
get_search_language (LiaGuidancePage *self)
{
  guint position = gtk_drop_down_get_selected (self->search_language_dropdown);

  /* “All languages” comes first */
  return position == 0 ? NULL : lia_card_language_from_position (position - 1);
}

static char *
dup_search_text (LiaGuidancePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

/* From the principles to the practice, and by title within a category */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const LiaGuidanceEntry *entry_a = *(LiaGuidanceEntry * const *) a;
  const LiaGuidanceEntry *entry_b = *(LiaGuidanceEntry * const *) b;
  guint category_a = lia_card_language_get_category_position (entry_a->category);
  guint category_b = lia_card_language_get_category_position (entry_b->category);

  if (category_a != category_b)
    return category_a < category_b ? -1 : 1;

  return g_utf8_collate (entry_a->title, entry_b->title);
}

/* A heading above the first card of each category, in the cards' language */
static void
update_category_header (GtkListBoxRow *row,
                        GtkListBoxRow *before,
                        gpointer       user_data)
{
  LiaGuidanceRow *card_row = LIA_GUIDANCE_ROW (row);
  const char *category = lia_guidance_row_get_category (card_row);
  const char *lang = lia_guidance_row_get_language (card_row);
  GtkWidget *header;

  if (before != NULL &&
      g_strcmp0 (category, lia_guidance_row_get_category (LIA_GUIDANCE_ROW (before))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (lia_card_language_get_category_name (lang, category));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_widget_add_css_class (header, "guidance-category");
  lia_card_language_apply (header, lang);
  gtk_list_box_row_set_header (row, header);
}

static void
select_open_card (LiaGuidancePage *self)
{
  GtkListBoxRow *list_row;

  for (guint i = 0; (list_row = gtk_list_box_get_row_at_index (self->card_list, i)) != NULL; i++)
    {
      LiaGuidanceRow *row = LIA_GUIDANCE_ROW (list_row);

      if (g_strcmp0 (lia_guidance_row_get_card_id (row), self->card_id) == 0 &&
          g_strcmp0 (lia_guidance_row_get_language (row), self->language) == 0)
        {
          gtk_list_box_select_row (self->card_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }

  gtk_list_box_unselect_all (self->card_list);
}

/* The cards in the page's language by category, or the search results
 * best first; only the bookmarked ones if asked.  Twenty cards in three
 * languages: rebuilding the rows costs nothing worth a model. */
static void
refresh_list (LiaGuidancePage *self)
{
  g_autofree char *query = dup_search_text (self);
  const char *search_language = get_search_language (self);
  gboolean searching = query[0] != '\0';
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) bookmarked = NULL;
  GtkListBoxRow *old_row;
  guint n_rows = 0;

  if (self->pack == NULL)
    return;

  if (searching)
    entries = lia_guidance_pack_search (self->pack, query, search_language, SEARCH_LIMIT, &error);
  else if ((entries = lia_guidance_pack_list (self->pack, self->language, &error)) != NULL)
    g_ptr_array_sort (entries, compare_entries);

  if (entries == NULL ||
      !(bookmarked = lia_guidance_marks_list_bookmarked (get_store (self), &error)))
    {
      _lia_guidance_page_show_toast (self, error->message);
      return;
    }

  while ((old_row = gtk_list_box_get_row_at_index (self->card_list, 0)) != NULL)
    gtk_list_box_remove (self->card_list, GTK_WIDGET (old_row));

  gtk_list_box_set_header_func (self->card_list,
                                searching ? NULL : update_category_header,
                                NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const LiaGuidanceEntry *entry = g_ptr_array_index (entries, i);
      gboolean is_bookmarked = g_strv_contains ((const char * const *) bookmarked, entry->id);
      GtkWidget *row;

      if (self->bookmarks_only && !is_bookmarked)
        continue;

      row = lia_guidance_row_new (entry, searching && search_language == NULL);
      lia_guidance_row_set_bookmarked (LIA_GUIDANCE_ROW (row), is_bookmarked);
      gtk_list_box_append (self->card_list, row);
      n_rows++;
    }

  if (n_rows > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "cards");
  else if (self->bookmarks_only && !searching)
    gtk_stack_set_visible_child_name (self->list_stack, "no-bookmarks");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");

  select_open_card (self);
}

static gboolean
save_note (LiaGuidancePage  *self,
           GError          **error)
{
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  g_clear_handle_id (&self->note_save_id, g_source_remove);

  if (!self->note_dirty || self->card_id == NULL)
    return TRUE;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->note_view), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  if (!lia_guidance_marks_set_note (get_store (self), self->card_id, text, error))
    return FALSE;

  self->note_dirty = FALSE;

  return TRUE;
}

static void
save_note_or_toast (LiaGuidancePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!save_note (self, &error))
    _lia_guidance_page_show_toast (self, error->message);
}

static gboolean
save_note_cb (gpointer user_data)
{
  LiaGuidancePage *self = user_data;

  self->note_save_id = 0;
  save_note_or_toast (self);

  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (LiaGuidancePage *self)
{
  if (self->showing_marks)
    return;

  self->note_dirty = TRUE;
  g_clear_handle_id (&self->note_save_id, g_source_remove);
  self->note_save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, save_note_cb, self);
}

static void
show_bookmarked (LiaGuidancePage *self,
                 gboolean         bookmarked)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->bookmark_button),
                            bookmarked ? "starred-symbolic" : "non-starred-symbolic");

  self->showing_marks = TRUE;
  gtk_toggle_button_set_active (self->bookmark_button, bookmarked);
  self->showing_marks = FALSE;
}

static void
show_marks (LiaGuidancePage *self)
{
  LiaStore *store = get_store (self);
  g_autofree char *note = lia_guidance_marks_get_note (store, self->card_id);

  show_bookmarked (self, lia_guidance_marks_get_bookmarked (store, self->card_id));

  self->showing_marks = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
  self->showing_marks = FALSE;
  self->note_dirty = FALSE;
}

static void
bookmark_toggled_cb (LiaGuidancePage *self)
{
  gboolean bookmarked = gtk_toggle_button_get_active (self->bookmark_button);
  g_autoptr(GError) error = NULL;

  if (self->showing_marks || self->card_id == NULL)
    return;

  if (!lia_guidance_marks_set_bookmarked (get_store (self), self->card_id, bookmarked, &error))
    {
      _lia_guidance_page_show_toast (self, error->message);
      show_bookmarked (self, !bookmarked);
      return;
    }

  show_bookmarked (self, bookmarked);
  refresh_list (self);
}

static void
load_second_view (LiaGuidancePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->side_by_side || self->card_id == NULL)
    return;

  if (!lia_guidance_card_view_load (self->second_view, self->card_id, self->second_language, &error))
    _lia_guidance_page_show_toast (self, error->message);
}

static void
set_language (LiaGuidancePage *self,
              const char      *lang)
{
  if (g_strcmp0 (self->language, lang) == 0)
    return;

  self->language = lia_card_language_from_position (lia_card_language_get_position (lang));
  gtk_drop_down_set_selected (self->language_dropdown, lia_card_language_get_position (lang));
  refresh_list (self);
}

static void
set_card_actions_enabled (LiaGuidancePage *self,
                          gboolean         enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guidance.export-pdf", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guidance.print", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guidance.side-by-side", enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bookmark_button), enabled);
}

/**
 * lia_guidance_page_open_card:
 * @lang: (nullable): the language to read it in, or %NULL for the page's
 *
 * Shows card @card_id; in a narrow window, instead of the list.
 *
 * Returns: whether the card could be shown; if not, a toast said why
 */
gboolean
lia_guidance_page_open_card (LiaGuidancePage *self,
                             const char      *card_id,
                             const char      *lang)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LIA_IS_GUIDANCE_PAGE (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  if (self->pack == NULL)
    return FALSE;

  save_note_or_toast (self);

  if (lang == NULL)
    lang = self->language;

  if (!lia_guidance_card_view_load (self->first_view, card_id, lang, &error))
    {
      _lia_guidance_page_show_toast (self, error->message);
      return FALSE;
    }

  g_free (self->card_id);
  self->card_id = g_strdup (card_id);
  set_language (self, lang);
  load_second_view (self);
  show_marks (self);

  set_card_actions_enabled (self, TRUE);

  gtk_stack_set_visible_child_name (self->reading_stack, "card");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->reading_scroller), 0);
  select_open_card (self);
  adw_leaflet_set_visible_child (self->leaflet, self->reading_pane);

  return TRUE;
}

static void
card_activated_cb (LiaGuidancePage *self,
                   GtkListBoxRow   *row)
{
  LiaGuidanceRow *card_row = LIA_GUIDANCE_ROW (row);

  lia_guidance_page_open_card (self,
                               lia_guidance_row_get_card_id (card_row),
                               lia_guidance_row_get_language (card_row));
}

static void
open_card_cb (LiaGuidancePage     *self,
              const char          *card_id,
              LiaGuidanceCardView *view)
{
  lia_guidance_page_open_card (self, card_id, NULL);
}

static void
search_changed_cb (LiaGuidancePage *self)
{
  refresh_list (self);

  /* The best matches first */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
}

static void
stop_search_cb (LiaGuidancePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter opens the best match */
static void
search_activate_cb (LiaGuidancePage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->card_list, 0);

  if (first != NULL)
    gtk_widget_activate (GTK_WIDGET (first));
}

static void
back_clicked_cb (LiaGuidancePage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
language_changed_cb (LiaGuidancePage *self)
{
  guint position = gtk_drop_down_get_selected (self->language_dropdown);
  const char *lang = lia_card_language_from_position (position);
  g_autoptr(GError) error = NULL;

  if (lang == NULL || g_strcmp0 (self->language, lang) == 0)
    return;

  if (self->card_id != NULL &&
      !lia_guidance_card_view_load (self->first_view, self->card_id, lang, &error))
    {
      _lia_guidance_page_show_toast (self, error->message);
      gtk_drop_down_set_selected (self->language_dropdown, lia_card_language_get_position (self->language));
      return;
    }

  set_language (self, lang);
}

static void
second_language_changed_cb (LiaGuidancePage *self)
{
  guint position = gtk_drop_down_get_selected (self->second_language_dropdown);
  const char *lang = lia_card_language_from_position (position);

  if (lang == NULL || g_strcmp0 (self->second_language, lang) == 0)
    return;

  self->second_language = lang;
  load_second_view (self);
}

static void
default_language_changed_cb (LiaGuidancePage *self)
{
  const char *lang = lia_card_language_get_default (lia_context_get_settings (self->context));

  gtk_drop_down_set_selected (self->language_dropdown, lia_card_language_get_position (lang));
}

static void
set_side_by_side (LiaGuidancePage *self,
                  gboolean         side_by_side)
{
  side_by_side = !!side_by_side;
  if (self->side_by_side == side_by_side)
    return;

  self->side_by_side = side_by_side;

  /* Briefing a counterpart needs room for two columns of readable width
   * more than the list, which comes back with the single column. */
  gtk_widget_set_visible (self->list_pane, !side_by_side);
  gtk_widget_set_visible (self->list_separator, !side_by_side);
  adw_clamp_set_maximum_size (self->clamp, side_by_side ? 1400 : 720);
  adw_clamp_set_tightening_threshold (self->clamp, side_by_side ? 1000 : 560);
  load_second_view (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE_BY_SIDE]);
}

static void
set_bookmarks_only (LiaGuidancePage *self,
                    gboolean         bookmarks_only)
{
  bookmarks_only = !!bookmarks_only;
  if (self->bookmarks_only == bookmarks_only)
    return;

  self->bookmarks_only = bookmarks_only;
  refresh_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKS_ONLY]);
}

static void
show_missing_pack (LiaGuidancePage *self,
                   const GError    *error)
{
  g_autofree char *description = NULL;
  const char *install = _("Ask your information manager for a guidance pack, then install it with "
                          "“liaison-cli guidance install PACK”.");

  /* A damaged pack says so; a missing one needs no more words */
  if (g_error_matches (error, LIA_ERROR, LIA_ERROR_NOT_FOUND))
    description = g_strdup (install);
  else
    description = g_strdup_printf ("%s\n\n%s", error->message, install);

  adw_status_page_set_description (self->missing_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "missing");
}

/* The pack is opened once, here: it is a small read-only file, cheap to
 * open, and the page is all that reads it. */
static void
load_pack (LiaGuidancePage *self)
{
  g_autofree char *data_dir = g_path_get_dirname (lia_store_get_path (get_store (self)));
  GSettings *settings = lia_context_get_settings (self->context);
  g_autoptr(GError) error = NULL;
  const char *lang;
  guint second;

  if (!(self->pack = lia_guidance_pack_open_best (data_dir, &error)))
    {
      show_missing_pack (self, error);
      return;
    }

  lia_guidance_card_view_set_pack (self->first_view, self->pack);
  lia_guidance_card_view_set_pack (self->second_view, self->pack);

  lang = lia_card_language_get_default (settings);
  set_language (self, lang);

  /* A second language that differs from the first */
  second = lia_card_language_get_position (lang) + 1;
  if (lia_card_language_from_position (second) == NULL)
    second = 0;
  self->second_language = lia_card_language_from_position (second);
  gtk_drop_down_set_selected (self->second_language_dropdown, second);

  g_signal_connect_object (settings, "changed::guidance-language",
                           G_CALLBACK (default_language_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->main_stack, "pack");
}

static void
lia_guidance_page_dispose (GObject *object)
{
  LiaGuidancePage *self = (LiaGuidancePage *)object;

  /* Closing the window must not lose what was just typed */
  if (self->context != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!save_note (self, &error))
        g_warning ("Could not save the note on guidance card “%s”: %s", self->card_id, error->message);
    }
  g_clear_handle_id (&self->note_save_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_GUIDANCE_PAGE);

  G_OBJECT_CLASS (lia_guidance_page_parent_class)->dispose (object);
}

static void
lia_guidance_page_finalize (GObject *object)
{
  LiaGuidancePage *self = (LiaGuidancePage *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->pack);
  g_clear_pointer (&self->card_id, g_free);

  G_OBJECT_CLASS (lia_guidance_page_parent_class)->finalize (object);
}

static void
lia_guidance_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LiaGuidancePage *self = LIA_GUIDANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SIDE_BY_SIDE:
      g_value_set_boolean (value, self->side_by_side);
      break;

    case PROP_BOOKMARKS_ONLY:
      g_value_set_boolean (value, self->bookmarks_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_guidance_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LiaGuidancePage *self = LIA_GUIDANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lia_guidance_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_SIDE_BY_SIDE:
      set_side_by_side (self, g_value_get_boolean (value));
      break;

    case PROP_BOOKMARKS_ONLY:
      set_bookmarks_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_guidance_page_class_init (LiaGuidancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_guidance_page_dispose;
  object_class->finalize = lia_guidance_page_finalize;
  object_class->get_property = lia_guidance_page_get_property;
  object_class->set_property = lia_guidance_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDE_BY_SIDE] =
    g_param_spec_boolean ("side-by-side", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_BOOKMARKS_ONLY] =
    g_param_spec_boolean ("bookmarks-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIA_TYPE_GUIDANCE_CARD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-guidance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, missing_page);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, list_separator);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, search_language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, card_list);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, reading_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, second_language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, bookmark_button);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, reading_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, reading_scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, clamp);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, first_view);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, second_view);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidancePage, note_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, second_language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, bookmark_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_card_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  _lia_guidance_page_class_actions_init (widget_class);
}

static void
lia_guidance_page_init (LiaGuidancePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing in the list searches; the capture runs before the focused
   * widget, so it must not cover the note. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_pane);

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Nothing to act on until a card is open */
  set_card_actions_enabled (self, FALSE);
}

LiaContext *
lia_guidance_page_get_context (LiaGuidancePage *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_PAGE (self), NULL);

  return self->context;
}

/**
 * lia_guidance_page_set_context:
 *
 * Gives the page its store and settings, once: the window sets it right
 * after building the page from its template.
 */
void
lia_guidance_page_set_context (LiaGuidancePage *self,
                               LiaContext      *context)
{
  g_return_if_fail (LIA_IS_GUIDANCE_PAGE (self));
  g_return_if_fail (LIA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  load_pack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * lia_guidance_page_focus_search:
 *
 * Moves the keyboard focus to the search entry, showing the list if the
 * window is narrow.
 */
void
lia_guidance_page_focus_search (LiaGuidancePage *self)
{
  g_return_if_fail (LIA_IS_GUIDANCE_PAGE (self));

  if (self->pack == NULL)
    return;

  set_side_by_side (self, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
