/* lia-guidance-card-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "lia-card-language.h"
#include "lia-guidance-card-view.h"

struct _LiaGuidanceCardView
{
  GtkWidget          parent_instance;

  LiaGuidancePack   *pack;
  LiaGuidanceCard   *card;
  LiaGuidanceEntry  *entry;

  /* One anonymous tag per link, carrying the linked card's id; removed
   * from the tag table with the text they mark. */
  GPtrArray         *link_tags;

  /* The tints of the “in short” and “ask” boxes, from the style */
  GdkRGBA            in_short_color;
  GdkRGBA            ask_color;

  /* Template widgets */
  GtkWidget         *draft_notice;
  GtkLabel          *draft_label;
  GtkTextView       *text_view;
  GtkWidget         *related_box;
  GtkLabel          *related_label;
  GtkListBox        *related_list;
};

G_DEFINE_FINAL_TYPE (LiaGuidanceCardView, lia_guidance_card_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PACK,
  N_PROPS
};

enum {
  OPEN_CARD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define LINK_TARGET_KEY "lia-card-link"

/* The “in short” and “ask” boxes: the room around a box and inside it.
 * A paragraph background would start at the text's margin and leave no
 * room inside, so the boxes are drawn behind the text: snapshot_box(). */
#define BOX_GAP_ABOVE 18
#define BOX_GAP_BELOW 8
#define BOX_PADDING   14
#define BOX_RADIUS    12

static GtkTextTag *
get_tag (LiaGuidanceCardView *self,
         const char          *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));

  return gtk_text_tag_table_lookup (table, name);
}

/* Sets a colour only when it changed: every change of a tag lays the whole
 * card out again, and the style changes on every hover. */
static void
set_tag_color (LiaGuidanceCardView *self,
               const char          *tag_name,
               const char          *property,
               const GdkRGBA       *color)
{
  GtkTextTag *tag = get_tag (self, tag_name);
  g_autoptr(GdkRGBA) current = NULL;

  g_object_get (tag, property, &current, NULL);
  if (current == NULL || !gdk_rgba_equal (current, color))
    g_object_set (tag, property, color, NULL);
}

static GdkRGBA
lookup_color (LiaGuidanceCardView *self,
              const char          *name,
              float                alpha)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color = { 0, 0, 0, 1 };

  gtk_style_context_lookup_color (style, name, &color);
  color.alpha *= alpha;

  return color;
}

/* Text tags take colours, not CSS: take libadwaita's named colours from
 * the style, so that dark and high-contrast styles apply to the card too. */
static void
update_colors (LiaGuidanceCardView *self)
{
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRGBA accent = lookup_color (self, "accent_color", 1);
  GdkRGBA dim = lookup_color (self, "view_fg_color", high_contrast ? 0.9 : 0.7);
  GdkRGBA success = lookup_color (self, "success_color", 1);
  GdkRGBA error = lookup_color (self, "error_color", 1);
  GdkRGBA in_short = lookup_color (self, "accent_bg_color", high_contrast ? 0.2 : 0.1);
  GdkRGBA ask = lookup_color (self, "view_fg_color", high_contrast ? 0.12 : 0.05);

  set_tag_color (self, "in-short-label", "foreground-rgba", &accent);
  set_tag_color (self, "link", "foreground-rgba", &accent);
  set_tag_color (self, "do-mark", "foreground-rgba", &success);
  set_tag_color (self, "dont-mark", "foreground-rgba", &error);
  set_tag_color (self, "meta", "foreground-rgba", &dim);
  set_tag_color (self, "source", "foreground-rgba", &dim);

  if (!gdk_rgba_equal (&in_short, &self->in_short_color) ||
      !gdk_rgba_equal (&ask, &self->ask_color))
    {
      self->in_short_color = in_short;
      self->ask_color = ask;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
create_tags (LiaGuidanceCardView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_text_buffer_create_tag (buffer, "card-language", NULL);
  gtk_text_buffer_create_tag (buffer, "title",
                              "weight", 800,
                              "scale", 1.6,
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "meta",
                              "scale", PANGO_SCALE_SMALL,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "box-start",
                              "pixels-above-lines", BOX_GAP_ABOVE + BOX_PADDING,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "box-end",
                              "pixels-below-lines", BOX_PADDING + BOX_GAP_BELOW,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "in-short-label",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_SMALL,
                              "pixels-below-lines", 2,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "in-short",
                              "left-margin", BOX_PADDING,
                              "right-margin", BOX_PADDING,
                              "scale", 1.1,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.2,
                              "pixels-above-lines", 22,
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "subheading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 14,
                              "pixels-below-lines", 4,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph",
                              "pixels-above-lines", 6,
                              "pixels-below-lines", 10,
                              NULL);
  /* Items hang from their mark: the margin is set on the side the
   * language reads from, in show_card() */
  gtk_text_buffer_create_tag (buffer, "item",
                              "indent", -18,
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "do-mark",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "dont-mark",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "ask",
                              "left-margin", BOX_PADDING,
                              "right-margin", BOX_PADDING,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "ask-label",
                              "weight", PANGO_WEIGHT_BOLD,
                              "pixels-below-lines", 2,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "sources-heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_SMALL,
                              "pixels-above-lines", 6,
                              "pixels-below-lines", 4,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "source",
                              "scale", PANGO_SCALE_SMALL,
                              "pixels-below-lines", 2,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis", NULL);
  gtk_text_buffer_create_tag (buffer, "link",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              NULL);
}

static char *
dup_card_title (LiaGuidanceCardView *self,
                const char          *card_id,
                const char          *lang)
{
  g_autoptr(LiaGuidanceEntry) entry = lia_guidance_pack_get_entry (self->pack, card_id, lang, NULL);

  return entry != NULL ? g_strdup (entry->title) : g_strdup (card_id);
}

/* Inserts card text with its *emphasis* and [[card-id|links]] */
static void
insert_inline (LiaGuidanceCardView *self,
               GtkTextIter         *iter,
               const char          *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTag *emphasis_tag = get_tag (self, "emphasis");
  gboolean emphasis = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;

      if (p[0] == '[' && p[1] == '[' && (end = strstr (p + 2, "]]")) != NULL)
        {
          const char *bar = memchr (p + 2, '|', end - (p + 2));
          g_autofree char *target = g_strndup (p + 2, (bar ? bar : end) - (p + 2));
          g_autofree char *label = NULL;
          GtkTextTag *link;

          if (bar != NULL)
            label = g_strndup (bar + 1, end - (bar + 1));
          else
            label = dup_card_title (self, target, self->entry->lang);

          link = gtk_text_buffer_create_tag (buffer, NULL, NULL);
          g_object_set_data_full (G_OBJECT (link), LINK_TARGET_KEY, g_steal_pointer (&target), g_free);
          g_ptr_array_add (self->link_tags, link);

          gtk_text_buffer_insert_with_tags (buffer, iter, label, -1,
                                            get_tag (self, "link"), link,
                                            emphasis ? emphasis_tag : NULL,
                                            NULL);
          p = end + 2;
        }
      else if (*p == '*')
        {
          emphasis = !emphasis;
          p++;
        }
      else
        {
          end = p + 1;
          while (*end != '\0' && *end != '*' && !(end[0] == '[' && end[1] == '['))
            end++;
          gtk_text_buffer_insert_with_tags (buffer, iter, p, end - p,
                                            emphasis ? emphasis_tag : NULL,
                                            NULL);
          p = end;
        }
    }
}

/* One paragraph: an optional @mark in @mark_tag, then @text, all under
 * @tag, which sets the paragraph's spacing and margins. */
static void
append_paragraph (LiaGuidanceCardView *self,
                  GtkTextIter         *iter,
                  const char          *tag,
                  const char          *mark,
                  const char          *mark_tag,
                  const char          *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int start_offset = gtk_text_iter_get_offset (iter);
  GtkTextIter start;

  if (gtk_text_iter_get_offset (iter) > 0)
    {
      gtk_text_buffer_insert (buffer, iter, "\n", 1);
      start_offset++;
    }

  if (mark != NULL)
    gtk_text_buffer_insert_with_tags (buffer, iter, mark, -1,
                                      mark_tag ? get_tag (self, mark_tag) : NULL,
                                      NULL);
  insert_inline (self, iter, text);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &start, iter);
}

/* Adds @tag to the paragraph that ends at @iter */
static void
tag_paragraph (LiaGuidanceCardView *self,
               GtkTextIter         *iter,
               const char          *tag)
{
  GtkTextIter start = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  gtk_text_buffer_apply_tag_by_name (gtk_text_view_get_buffer (self->text_view), tag, &start, iter);
}

static void
clear_card (LiaGuidanceCardView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkListBoxRow *row;

  gtk_text_buffer_set_text (buffer, "", 0);
  for (guint i = 0; i < self->link_tags->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (self->link_tags, i));
  g_ptr_array_set_size (self->link_tags, 0);

  while ((row = gtk_list_box_get_row_at_index (self->related_list, 0)) != NULL)
    gtk_list_box_remove (self->related_list, GTK_WIDGET (row));
}

static void
fill_related (LiaGuidanceCardView *self)
{
  g_auto(GStrv) links = lia_guidance_card_dup_links (self->card);
  const char *lang = self->entry->lang;

  gtk_label_set_label (self->related_label, lia_card_language_get_label (lang, LIA_CARD_LABEL_RELATED));
  gtk_widget_set_visible (self->related_box, links[0] != NULL);

  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autofree char *title = dup_card_title (self, links[i], lang);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), LINK_TARGET_KEY, g_strdup (links[i]), g_free);
      gtk_list_box_append (self->related_list, row);
    }
}

static void
show_card (LiaGuidanceCardView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *lang = self->entry->lang;
  gboolean rtl = lia_card_language_get_direction (lang) == GTK_TEXT_DIR_RTL;
  const char * const *sources = lia_guidance_card_get_sources (self->card);
  g_autofree char *date = lia_card_language_format_date (lang, self->entry->updated);
  g_autofree char *updated = g_strdup_printf ("%s %s",
                                              lia_card_language_get_label (lang, LIA_CARD_LABEL_LAST_UPDATED),
                                              date);
  LiaCardBlockType previous = LIA_CARD_BLOCK_PARAGRAPH;
  GtkTextIter iter;
  GtkTextIter start;

  clear_card (self);

  g_object_set (get_tag (self, "card-language"), "language", lang, NULL);
  /* Arabic script has no italics: a slanted Naskh reads as a mistake */
  g_object_set (get_tag (self, "emphasis"),
                "style", rtl ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC,
                "weight", rtl ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                NULL);
  g_object_set (get_tag (self, "item"),
                "left-margin", rtl ? 0 : 24,
                "right-margin", rtl ? 24 : 0,
                NULL);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  append_paragraph (self, &iter, "title", NULL, NULL, lia_guidance_card_get_title (self->card));
  append_paragraph (self, &iter, "meta", NULL, NULL, updated);
  append_paragraph (self, &iter, "in-short", NULL, NULL,
                    lia_card_language_get_label (lang, LIA_CARD_LABEL_IN_SHORT));
  tag_paragraph (self, &iter, "in-short-label");
  tag_paragraph (self, &iter, "box-start");
  append_paragraph (self, &iter, "in-short", NULL, NULL, lia_guidance_card_get_summary (self->card));
  tag_paragraph (self, &iter, "box-end");

  for (guint i = 0; i < lia_guidance_card_get_n_blocks (self->card); i++)
    {
      const LiaCardBlock *block = lia_guidance_card_get_block (self->card, i);

      switch (block->type)
        {
        case LIA_CARD_BLOCK_HEADING:
          append_paragraph (self, &iter, "heading", NULL, NULL, block->text);
          break;

        case LIA_CARD_BLOCK_PARAGRAPH:
          append_paragraph (self, &iter, "paragraph", NULL, NULL, block->text);
          break;

        case LIA_CARD_BLOCK_BULLET:
          append_paragraph (self, &iter, "item", "•\u2003", NULL, block->text);
          break;

        /* A run of do or don't items under its word, each with a mark,
         * so that neither the colour nor the mark alone carries it */
        case LIA_CARD_BLOCK_DO:
          if (previous != LIA_CARD_BLOCK_DO)
            append_paragraph (self, &iter, "subheading", NULL, NULL,
                              lia_card_language_get_label (lang, LIA_CARD_LABEL_DO));
          append_paragraph (self, &iter, "item", "✓\u2003", "do-mark", block->text);
          break;

        case LIA_CARD_BLOCK_DONT:
          if (previous != LIA_CARD_BLOCK_DONT)
            append_paragraph (self, &iter, "subheading", NULL, NULL,
                              lia_card_language_get_label (lang, LIA_CARD_LABEL_DONT));
          append_paragraph (self, &iter, "item", "✗\u2003", "dont-mark", block->text);
          break;

        default:
          g_assert_not_reached ();
        }

      previous = block->type;
    }

  append_paragraph (self, &iter, "ask", NULL, NULL, lia_card_language_get_label (lang, LIA_CARD_LABEL_ASK));
  tag_paragraph (self, &iter, "ask-label");
  tag_paragraph (self, &iter, "box-start");
  append_paragraph (self, &iter, "ask", NULL, NULL, lia_guidance_card_get_ask (self->card));
  tag_paragraph (self, &iter, "box-end");

  append_paragraph (self, &iter, "sources-heading", NULL, NULL,
                    lia_card_language_get_label (lang, LIA_CARD_LABEL_SOURCES));
  for (guint i = 0; sources[i] != NULL; i++)
    append_paragraph (self, &iter, "source", NULL, NULL, sources[i]);

  gtk_text_buffer_get_bounds (buffer, &start, &iter);
  gtk_text_buffer_apply_tag_by_name (buffer, "card-language", &start, &iter);
  gtk_text_buffer_place_cursor (buffer, &start);

  gtk_label_set_label (self->draft_label, lia_card_language_get_label (lang, LIA_CARD_LABEL_DRAFT));
  gtk_widget_set_visible (self->draft_notice, g_strcmp0 (self->entry->status, "draft") == 0);
  fill_related (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->entry->title,
                                  -1);

  lia_card_language_apply (GTK_WIDGET (self), lang);
}

static const char *
get_link_at (LiaGuidanceCardView *self,
             double               x,
             double               y)
{
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;
  int buffer_x;
  int buffer_y;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         x, y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, buffer_x, buffer_y))
    return NULL;

  tags = gtk_text_iter_get_tags (&iter);
  for (const GSList *l = tags; l != NULL; l = l->next)
    {
      const char *target = g_object_get_data (l->data, LINK_TARGET_KEY);

      if (target != NULL)
        return target;
    }

  return NULL;
}

static void
text_released_cb (LiaGuidanceCardView *self,
                  int                  n_press,
                  double               x,
                  double               y,
                  GtkGestureClick     *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *target = NULL;

  /* A drag that selected text is not a click on a link */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;

  /* The signal's handler replaces the card, and the tag with it */
  target = g_strdup (get_link_at (self, x, y));
  if (target != NULL)
    g_signal_emit (self, signals[OPEN_CARD], 0, target);
}

static void
text_motion_cb (LiaGuidanceCardView      *self,
                double                    x,
                double                    y,
                GtkEventControllerMotion *controller)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view),
                                   get_link_at (self, x, y) != NULL ? "pointer" : "text");
}

static void
related_row_activated_cb (LiaGuidanceCardView *self,
                          GtkListBoxRow       *row)
{
  g_autofree char *target = g_strdup (g_object_get_data (G_OBJECT (row), LINK_TARGET_KEY));

  g_signal_emit (self, signals[OPEN_CARD], 0, target);
}

/* Draws the box behind the text under @tag_name, which starts after the
 * title: from the top of its first paragraph to the bottom of its last,
 * less the gap around it */
static void
snapshot_box (LiaGuidanceCardView *self,
              GtkSnapshot         *snapshot,
              const char          *tag_name,
              const GdkRGBA       *color)
{
  GtkTextTag *tag = get_tag (self, tag_name);
  graphene_point_t top;
  graphene_rect_t text_bounds;
  graphene_rect_t rect;
  GskRoundedRect box;
  GtkTextIter start;
  GtkTextIter end;
  int first_y;
  int last_y;
  int last_height;
  int y;

  /* The newlines between the box's paragraphs are not tagged: take the
   * first and the last of the tag */
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->text_view), &start, &end);
  if (!gtk_text_iter_forward_to_tag_toggle (&start, tag) ||
      !gtk_text_iter_backward_to_tag_toggle (&end, tag))
    return;

  gtk_text_view_get_line_yrange (self->text_view, &start, &first_y, NULL);
  gtk_text_view_get_line_yrange (self->text_view, &end, &last_y, &last_height);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, 0, first_y, NULL, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (0, y), &top))
    return;

  graphene_rect_init (&rect,
                      top.x, top.y + BOX_GAP_ABOVE,
                      gtk_widget_get_width (GTK_WIDGET (self->text_view)),
                      last_y + last_height - first_y - BOX_GAP_ABOVE - BOX_GAP_BELOW);
  gsk_rounded_rect_init_from_rect (&box, &rect, BOX_RADIUS);

  /* Until the text is laid out, a box may reach past it: keep it within */
  if (!gtk_widget_compute_bounds (GTK_WIDGET (self->text_view), GTK_WIDGET (self), &text_bounds))
    return;
  gtk_snapshot_push_clip (snapshot, &text_bounds);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, color, &rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
lia_guidance_card_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  LiaGuidanceCardView *self = LIA_GUIDANCE_CARD_VIEW (widget);

  if (self->card != NULL)
    {
      snapshot_box (self, snapshot, "in-short", &self->in_short_color);
      snapshot_box (self, snapshot, "ask", &self->ask_color);
    }

  GTK_WIDGET_CLASS (lia_guidance_card_view_parent_class)->snapshot (widget, snapshot);
}

static void
lia_guidance_card_view_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lia_guidance_card_view_parent_class)->css_changed (widget, change);

  update_colors (LIA_GUIDANCE_CARD_VIEW (widget));
}

static void
lia_guidance_card_view_dispose (GObject *object)
{
  LiaGuidanceCardView *self = (LiaGuidanceCardView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_GUIDANCE_CARD_VIEW);

  G_OBJECT_CLASS (lia_guidance_card_view_parent_class)->dispose (object);
}

static void
lia_guidance_card_view_finalize (GObject *object)
{
  LiaGuidanceCardView *self = (LiaGuidanceCardView *)object;

  g_clear_object (&self->pack);
  g_clear_object (&self->card);
  g_clear_pointer (&self->entry, lia_guidance_entry_free);
  g_clear_pointer (&self->link_tags, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_guidance_card_view_parent_class)->finalize (object);
}

static void
lia_guidance_card_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LiaGuidanceCardView *self = LIA_GUIDANCE_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_PACK:
      g_value_set_object (value, self->pack);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_guidance_card_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LiaGuidanceCardView *self = LIA_GUIDANCE_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_PACK:
      lia_guidance_card_view_set_pack (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_guidance_card_view_class_init (LiaGuidanceCardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_guidance_card_view_dispose;
  object_class->finalize = lia_guidance_card_view_finalize;
  object_class->get_property = lia_guidance_card_view_get_property;
  object_class->set_property = lia_guidance_card_view_set_property;

  widget_class->css_changed = lia_guidance_card_view_css_changed;
  widget_class->snapshot = lia_guidance_card_view_snapshot;

  properties[PROP_PACK] =
    g_param_spec_object ("pack", NULL, NULL,
                         LIA_TYPE_GUIDANCE_PACK,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaGuidanceCardView::open-card:
   * @card_id: the card a link or a related card points to
   *
   * Asks for another card, in the same language.
   */
  signals[OPEN_CARD] =
    g_signal_new ("open-card",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-guidance-card-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceCardView, draft_notice);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceCardView, draft_label);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceCardView, text_view);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceCardView, related_box);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceCardView, related_label);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceCardView, related_list);
  gtk_widget_class_bind_template_callback (widget_class, text_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, related_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guidancecardview");
}

static void
lia_guidance_card_view_init (LiaGuidanceCardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->link_tags = g_ptr_array_new ();
  create_tags (self);
}

LiaGuidancePack *
lia_guidance_card_view_get_pack (LiaGuidanceCardView *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD_VIEW (self), NULL);

  return self->pack;
}

void
lia_guidance_card_view_set_pack (LiaGuidanceCardView *self,
                                 LiaGuidancePack     *pack)
{
  g_return_if_fail (LIA_IS_GUIDANCE_CARD_VIEW (self));
  g_return_if_fail (!pack || LIA_IS_GUIDANCE_PACK (pack));

  if (g_set_object (&self->pack, pack))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACK]);
}

/**
 * lia_guidance_card_view_load:
 *
 * Shows card @card_id in @lang from the view's pack.  On error the view
 * keeps the card it showed.
 */
gboolean
lia_guidance_card_view_load (LiaGuidanceCardView  *self,
                             const char           *card_id,
                             const char           *lang,
                             GError              **error)
{
  g_autoptr(LiaGuidanceCard) card = NULL;
  g_autoptr(LiaGuidanceEntry) entry = NULL;

  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD_VIEW (self), FALSE);
  g_return_val_if_fail (LIA_IS_GUIDANCE_PACK (self->pack), FALSE);
  g_return_val_if_fail (card_id != NULL && lang != NULL, FALSE);

  if (!(entry = lia_guidance_pack_get_entry (self->pack, card_id, lang, error)) ||
      !(card = lia_guidance_pack_load_card (self->pack, card_id, lang, error)))
    return FALSE;

  g_set_object (&self->card, card);
  g_clear_pointer (&self->entry, lia_guidance_entry_free);
  self->entry = g_steal_pointer (&entry);

  show_card (self);

  return TRUE;
}

LiaGuidanceCard *
lia_guidance_card_view_get_card (LiaGuidanceCardView *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD_VIEW (self), NULL);

  return self->card;
}

const LiaGuidanceEntry *
lia_guidance_card_view_get_entry (LiaGuidanceCardView *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD_VIEW (self), NULL);

  return self->entry;
}
