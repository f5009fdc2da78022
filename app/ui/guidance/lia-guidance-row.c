/* lia-guidance-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lia-card-language.h"
#include "lia-guidance-row.h"

struct _LiaGuidanceRow
{
  GtkListBoxRow  parent_instance;

  char          *card_id;
  char          *language;
  char          *category;

  /* Template widgets */
  GtkLabel      *title_label;
  GtkLabel      *snippet_label;
  GtkLabel      *language_label;
  GtkWidget     *bookmark_icon;
};

G_DEFINE_FINAL_TYPE (LiaGuidanceRow, lia_guidance_row, GTK_TYPE_LIST_BOX_ROW)

/* Search snippets mark their matches between \x01 and \x02 */
static char *
snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = snippet;

  while (*p != '\0')
    {
      gsize len = strcspn (p, "\x01\x02\n");

      if (len > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (p, len);

          g_string_append (markup, escaped);
          p += len;
          continue;
        }

      switch (*p)
        {
        case '\x01':
          g_string_append (markup, "<b>");
          break;

        case '\x02':
          g_string_append (markup, "</b>");
          break;

        default:
          g_string_append_c (markup, ' ');
        }
      p++;
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
lia_guidance_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIA_TYPE_GUIDANCE_ROW);

  G_OBJECT_CLASS (lia_guidance_row_parent_class)->dispose (object);
}

static void
lia_guidance_row_finalize (GObject *object)
{
  LiaGuidanceRow *self = (LiaGuidanceRow *)object;

  g_clear_pointer (&self->card_id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (lia_guidance_row_parent_class)->finalize (object);
}

static void
lia_guidance_row_class_init (LiaGuidanceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_guidance_row_dispose;
  object_class->finalize = lia_guidance_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-guidance-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceRow, language_label);
  gtk_widget_class_bind_template_child (widget_class, LiaGuidanceRow, bookmark_icon);
}

static void
lia_guidance_row_init (LiaGuidanceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lia_guidance_row_new:
 * @entry: a card, or a search result with its snippet
 * @show_language: whether to name the card's language, when the list mixes
 *   languages
 */
GtkWidget *
lia_guidance_row_new (const LiaGuidanceEntry *entry,
                      gboolean                show_language)
{
  LiaGuidanceRow *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (LIA_TYPE_GUIDANCE_ROW, NULL);
  self->card_id = g_strdup (entry->id);
  self->language = g_strdup (entry->lang);
  self->category = g_strdup (entry->category);

  gtk_label_set_label (self->title_label, entry->title);
  if (entry->snippet != NULL)
    {
      g_autofree char *markup = snippet_to_markup (entry->snippet);

      gtk_label_set_markup (self->snippet_label, markup);
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), TRUE);
    }

  gtk_label_set_label (self->language_label, lia_card_language_get_name (entry->lang));
  gtk_widget_set_visible (GTK_WIDGET (self->language_label), show_language);

  /* The row shows the card's words, so it reads in the card's direction */
  lia_card_language_apply (GTK_WIDGET (self), entry->lang);

  return GTK_WIDGET (self);
}

const char *
lia_guidance_row_get_card_id (LiaGuidanceRow *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_ROW (self), NULL);

  return self->card_id;
}

const char *
lia_guidance_row_get_language (LiaGuidanceRow *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_ROW (self), NULL);

  return self->language;
}

const char *
lia_guidance_row_get_category (LiaGuidanceRow *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_ROW (self), NULL);

  return self->category;
}

gboolean
lia_guidance_row_get_bookmarked (LiaGuidanceRow *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_ROW (self), FALSE);

  return gtk_widget_get_visible (self->bookmark_icon);
}

void
lia_guidance_row_set_bookmarked (LiaGuidanceRow *self,
                                 gboolean        bookmarked)
{
  g_return_if_fail (LIA_IS_GUIDANCE_ROW (self));

  gtk_widget_set_visible (self->bookmark_icon, bookmarked);
}
