/* lia-guidance-pdf.c — a guidance card as a one-page printable briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <cairo-pdf.h>

#include "lia-error.h"
#include "lia-export-private.h"
#include "lia-guidance-pdf.h"
#include "lia-guidance-pdf-private.h"

#define A4_WIDTH    595.276
#define A4_HEIGHT   841.89
#define MARGIN      (2.0 / 2.54 * 72.0)
#define BASE_SIZE   10.5
#define MIN_SIZE    8.0
#define SIZE_STEP   0.25
#define FOOTER_SIZE 7.5

/* Bidi isolates keep a Latin id or an ISO date in one piece, in reading
 * order, inside an Arabic line. */
#define LRI "\u2066"
#define PDI "\u2069"

/* The labels are printed in the card's language, whatever the language of
 * the interface: a card handed over in Arabic must not say "Do" and "Don't". */
typedef struct
{
  const char *lang;
  gboolean    rtl;
  const char *family;
  double      line_height;    /* times the font's own line height */
  const char *language_name;
  const char *in_short;
  const char *do_label;
  const char *dont_label;
  const char *ask;
  const char *sources;
  const char *updated;
  const char *draft;
} Labels;

static const Labels labels_by_lang[] = {
  { "en", FALSE, "Noto Sans, Cantarell, DejaVu Sans", 1.0, "English",
    "In short", "Do", "Don’t", "When in doubt, ask", "Sources", "Last updated",
    "Draft translation — not reviewed" },
  { "fr", FALSE, "Noto Sans, Cantarell, DejaVu Sans", 1.0, "Français",
    "En bref", "À faire", "À éviter", "En cas de doute, demandez", "Sources", "Mis à jour le",
    "Traduction provisoire — non relue" },
  { "ar", TRUE, "Noto Naskh Arabic, Noto Sans Arabic, Noto Sans", 0.85, "العربية",
    "باختصار", "افعل", "لا تفعل", "عند الشك، اسأل", "المصادر", "آخر تحديث",
    "ترجمة أولية — لم تُراجع" },
};

static const Labels *
labels_for (const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels_by_lang); i++)
    if (g_strcmp0 (labels_by_lang[i].lang, lang) == 0)
      return &labels_by_lang[i];

  return &labels_by_lang[0];
}

typedef struct
{
  double r, g, b;
} Rgb;

#define RGB(hex) { ((hex) >> 16) / 255.0, (((hex) >> 8) & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }
#define LINK_COLOUR "#1d4f91"   /* accent, for Pango markup */

/* Every colour pairs with a word or a mark, so a grey-scale print loses
 * nothing. */
static const Rgb ink = RGB (0x1f2328);
static const Rgb muted = RGB (0x57606a);
static const Rgb accent = RGB (0x1d4f91);
static const Rgb accent_tint = RGB (0xe8f0fa);
static const Rgb ask_colour = RGB (0x8a5300);
static const Rgb ask_tint = RGB (0xfdf4e3);
static const Rgb do_colour = RGB (0x1e6b34);
static const Rgb do_tint = RGB (0xebf5ed);
static const Rgb dont_colour = RGB (0xa3251c);
static const Rgb dont_tint = RGB (0xfbeceb);
static const Rgb rule_colour = RGB (0xc8cfd6);

/* A text or a filled box, in page coordinates, laid out before anything is
 * drawn so that a card too long for the page can be set again smaller. */
typedef struct
{
  PangoLayout *layout;   /* NULL for a box */
  const Rgb   *colour;   /* of the text, or the box's fill */
  double       x, y, width, height;
} Piece;

static void
clear_piece (gpointer data)
{
  Piece *piece = data;

  g_clear_object (&piece->layout);
}

typedef struct
{
  PangoContext *context;
  const Labels *labels;
  GArray       *pieces;
  double        left, top;      /* the content area, inside the margins */
  double        width, height;
  double        size;           /* body type size, in points */
  double        y;              /* where the next block goes, from the top */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_object (&plan->context);
  g_clear_pointer (&plan->pieces, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static void
append_escaped (GString    *markup,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (markup, escaped);
}

/* Card inline markup (*emphasis*, [[id]], [[id|text]]) to Pango markup; a
 * link prints as its text, since paper cannot follow it. */
static char *
inline_to_markup (const char *text)
{
  GString *markup = g_string_new (NULL);
  gboolean emphasis = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;
      gsize plain = strcspn (p, "*[");

      append_escaped (markup, p, plain);
      p += plain;

      if (*p == '*')
        {
          g_string_append (markup, emphasis ? "</b>" : "<b>");
          emphasis = !emphasis;
          p++;
        }
      else if (p[0] == '[' && p[1] == '[' && (end = strstr (p + 2, "]]")) != NULL)
        {
          const char *bar = memchr (p + 2, '|', end - (p + 2));

          g_string_append (markup, "<span underline=\"single\" foreground=\"" LINK_COLOUR "\">");
          if (bar != NULL)
            {
              append_escaped (markup, bar + 1, end - (bar + 1));
            }
          else
            {
              /* A bare card id stays one left-to-right word, even in an
               * Arabic line: isolated, and word joiners after its hyphens. */
              g_autofree char *id = g_strndup (p + 2, end - (p + 2));
              g_auto(GStrv) words = g_strsplit (id, "-", -1);
              g_autofree char *unbroken = g_strjoinv ("-\u2060", words);

              g_string_append (markup, LRI);
              append_escaped (markup, unbroken, -1);
              g_string_append (markup, PDI);
            }
          g_string_append (markup, "</span>");
          p = end + 2;
        }
      else if (*p != '\0')
        {
          append_escaped (markup, p, 1);
          p++;
        }
    }

  if (emphasis)
    g_string_append (markup, "</b>");

  return g_string_free (markup, FALSE);
}

/* Returns: (transfer full): a context that sets text in @lang's direction
 * and fonts, with sizes in points as cairo user units. */
PangoContext *
lia_guidance_pdf_create_context (cairo_t    *cr,
                                 const char *lang)
{
  const Labels *labels = labels_for (lang);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: lines break in the print preview where they break
   * on paper and in the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);

  pango_context_set_language (context, pango_language_from_string (lang));
  pango_context_set_base_dir (context, labels->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_font_description_set_family (font, labels->family);
  pango_context_set_font_description (context, font);
  pango_font_description_free (font);

  return context;
}

static PangoLayout *
layout_new (PangoContext *context,
            const char   *markup,
            double        size,
            PangoWeight   weight,
            double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  const Labels *labels = labels_for (pango_language_to_string (pango_context_get_language (context)));

  pango_font_description_set_size (font, pango_units_from_double (size));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);

  /* The card's language sets the direction of every paragraph, even an
   * Arabic one that opens with a Latin name such as OCHA.  PANGO_ALIGN_LEFT
   * means the left edge in a right-to-left context too. */
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_alignment (layout, labels->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_markup (layout, markup, -1);

  /* Naskh's own line height is made for stacked vowel marks; the cards
   * have few, and a page has no room to spare. */
  if (labels->line_height != 1.0)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

      if (attrs == NULL)
        attrs = pango_attr_list_new ();
      pango_attr_list_insert_before (attrs, pango_attr_line_height_new (labels->line_height));
      pango_layout_set_attributes (layout, attrs);
    }

  return layout;
}

/* @text is card inline markup; @width ≤ 0 sets it on one line.
 *
 * Returns: (transfer full): the layout */
PangoLayout *
lia_guidance_pdf_create_layout (PangoContext *context,
                                const char   *text,
                                double        size,
                                PangoWeight   weight,
                                double        width)
{
  g_autofree char *markup = inline_to_markup (text);

  return layout_new (context, markup, size, weight, width);
}

/* As lia_guidance_pdf_create_layout(), for text that is printed as it is
 * (a record's fields: an asterisk there is an asterisk). */
PangoLayout *
lia_guidance_pdf_create_text_layout (PangoContext *context,
                                     const char   *text,
                                     double        size,
                                     PangoWeight   weight,
                                     double        width)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return layout_new (context, markup, size, weight, width);
}

/* Offsets count from the start edge of the content, the right edge in
 * Arabic, so that indents and columns mirror. */
static double
page_x (Plan   *plan,
        double  offset,
        double  width)
{
  if (plan->labels->rtl)
    return plan->left + plan->width - offset - width;

  return plan->left + offset;
}

static Piece *
piece_at (Plan  *plan,
          guint  index)
{
  return &g_array_index (plan->pieces, Piece, index);
}

/* Returns: the index of the box; close_box() sets its height. */
static guint
add_box (Plan      *plan,
         double     y,
         double     offset,
         double     width,
         const Rgb *colour)
{
  Piece piece = { NULL, colour, page_x (plan, offset, width), plan->top + y, width, 0 };

  g_array_append_val (plan->pieces, piece);
  return plan->pieces->len - 1;
}

static void
close_box (Plan   *plan,
           guint   box,
           double  bottom)
{
  piece_at (plan, box)->height = plan->top + bottom - piece_at (plan, box)->y;
}

/* Returns: the index of the text; its height is that of the layout. */
static guint
add_layout (Plan        *plan,
            PangoLayout *layout,
            double       y,
            double       offset,
            double       width,
            const Rgb   *colour)
{
  Piece piece = { layout, colour, page_x (plan, offset, width), plan->top + y, width, 0 };
  int height;

  pango_layout_get_size (layout, NULL, &height);
  piece.height = (double) height / PANGO_SCALE;
  g_array_append_val (plan->pieces, piece);
  return plan->pieces->len - 1;
}

/* Returns: the height of the text */
static double
add_text (Plan        *plan,
          const char  *text,
          double       y,
          double       offset,
          double       width,
          double       size,
          PangoWeight  weight,
          const Rgb   *colour)
{
  PangoLayout *layout = lia_guidance_pdf_create_layout (plan->context, text, size, weight, width);

  return piece_at (plan, add_layout (plan, layout, y, offset, width, colour))->height;
}

/* Moves whichever of two texts set side by side has the higher first
 * baseline down, so that both stand on one line whatever their fonts. */
static void
align_baselines (Plan  *plan,
                 guint  a,
                 guint  b)
{
  Piece *first = piece_at (plan, a);
  Piece *second = piece_at (plan, b);
  double shift = (double) (pango_layout_get_baseline (first->layout) -
                           pango_layout_get_baseline (second->layout)) / PANGO_SCALE;

  if (shift > 0)
    second->y += shift;
  else
    first->y -= shift;
}

/* Returns: the bottom of the lowest piece from @first on, from the top of
 * the content */
static double
bottom_from (Plan  *plan,
             guint  first)
{
  double bottom = 0;

  for (guint i = first; i < plan->pieces->len; i++)
    bottom = MAX (bottom, piece_at (plan, i)->y + piece_at (plan, i)->height - plan->top);

  return bottom;
}

/* A bullet, do or don't item, its mark hanging in the start margin.
 * Returns: the height of the item. */
static double
add_item (Plan       *plan,
          const char *mark,
          const Rgb  *mark_colour,
          const char *text,
          double      y,
          double      offset,
          double      width)
{
  double indent = plan->size * 1.3;
  PangoLayout *body = lia_guidance_pdf_create_layout (plan->context, text, plan->size,
                                                      PANGO_WEIGHT_NORMAL, width - indent);
  PangoLayout *sign = lia_guidance_pdf_create_layout (plan->context, mark, plan->size,
                                                      PANGO_WEIGHT_BOLD, indent);
  guint first = add_layout (plan, body, y, offset + indent, width - indent, &ink);

  add_layout (plan, sign, y, offset, indent, mark_colour);
  align_baselines (plan, first, first + 1);

  return bottom_from (plan, first) - y;
}

/* A tinted box with a coloured bar on its start edge: a label, then text. */
static void
plan_callout (Plan       *plan,
              const char *label,
              const char *text,
              double      text_size,
              const Rgb  *colour,
              const Rgb  *tint)
{
  double pad = plan->size * 0.8;
  double bar = 3.0;
  double inner = plan->width - bar - 2 * pad;
  guint box = add_box (plan, plan->y, 0, plan->width, tint);
  guint edge = add_box (plan, plan->y, 0, bar, colour);
  double y = plan->y + pad * 0.75;

  y += add_text (plan, label, y, bar + pad, inner, plan->size * 0.85, PANGO_WEIGHT_BOLD, colour);
  y += plan->size * 0.15;
  y += add_text (plan, text, y, bar + pad, inner, text_size, PANGO_WEIGHT_NORMAL, &ink);
  y += pad;

  close_box (plan, box, y);
  close_box (plan, edge, y);
  plan->y = y;
}

static gboolean
is_do_or_dont (LiaGuidanceCard *card,
               guint            position)
{
  LiaCardBlockType type = lia_guidance_card_get_block (card, position)->type;

  return type == LIA_CARD_BLOCK_DO || type == LIA_CARD_BLOCK_DONT;
}

/* Blocks @first to @end (not included) side by side: "Do" in the start
 * column, "Don't" in the other, each item with ✓ or ✗ as well as colour. */
static void
plan_do_dont (Plan            *plan,
              LiaGuidanceCard *card,
              guint            first,
              guint            end)
{
  const struct {
    LiaCardBlockType  type;
    const char       *label;
    const char       *mark;
    const Rgb        *colour;
    const Rgb        *tint;
  } columns[] = {
    { LIA_CARD_BLOCK_DO, plan->labels->do_label, "✓", &do_colour, &do_tint },
    { LIA_CARD_BLOCK_DONT, plan->labels->dont_label, "✗", &dont_colour, &dont_tint },
  };
  double pad = plan->size * 0.75;
  double gap = plan->size * 1.2;
  double spacing = plan->size * 0.35;
  double bottom = plan->y;
  guint count[G_N_ELEMENTS (columns)] = { 0 };
  guint boxes[G_N_ELEMENTS (columns)];
  guint n_columns = 0;
  double column_width;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      for (guint i = first; i < end; i++)
        count[c] += lia_guidance_card_get_block (card, i)->type == columns[c].type;
      n_columns += count[c] > 0;
    }
  /* A run of only one kind takes the whole width. */
  column_width = (plan->width - gap * (n_columns - 1)) / n_columns;

  for (guint c = 0, column = 0; c < G_N_ELEMENTS (columns); c++)
    {
      double offset = column * (column_width + gap);
      double y = plan->y + pad;

      if (count[c] == 0)
        continue;

      boxes[column++] = add_box (plan, plan->y, offset, column_width, columns[c].tint);
      y += add_text (plan, columns[c].label, y, offset + pad, column_width - 2 * pad,
                     plan->size * 1.05, PANGO_WEIGHT_BOLD, columns[c].colour);
      for (guint i = first; i < end; i++)
        {
          const LiaCardBlock *block = lia_guidance_card_get_block (card, i);

          if (block->type != columns[c].type)
            continue;
          y += spacing;
          y += add_item (plan, columns[c].mark, columns[c].colour, block->text,
                         y, offset + pad, column_width - 2 * pad);
        }
      bottom = MAX (bottom, y + pad);
    }

  for (guint column = 0; column < n_columns; column++)
    close_box (plan, boxes[column], bottom);
  plan->y = bottom;
}

static double
gap_before (LiaCardBlockType previous,
            LiaCardBlockType type,
            double           size)
{
  if (type == LIA_CARD_BLOCK_HEADING)
    return size * 1.3;
  if (type == LIA_CARD_BLOCK_DO || type == LIA_CARD_BLOCK_DONT ||
      previous == LIA_CARD_BLOCK_DO || previous == LIA_CARD_BLOCK_DONT)
    return size * 1.1;
  if (previous == LIA_CARD_BLOCK_HEADING)
    return size * 0.3;
  if (previous == LIA_CARD_BLOCK_BULLET && type == LIA_CARD_BLOCK_BULLET)
    return size * 0.3;

  return size * 0.65;
}

static void
plan_card (Plan            *plan,
           LiaGuidanceCard *card)
{
  const char * const *sources = lia_guidance_card_get_sources (card);
  guint n_blocks = lia_guidance_card_get_n_blocks (card);
  double size = plan->size;
  LiaCardBlockType previous = LIA_CARD_BLOCK_HEADING;

  plan->y += add_text (plan, lia_guidance_card_get_title (card), plan->y, 0, plan->width,
                       size * 2.0, PANGO_WEIGHT_BOLD, &ink);
  plan->y += size * 0.7;
  plan_callout (plan, plan->labels->in_short, lia_guidance_card_get_summary (card),
                size * 1.15, &accent, &accent_tint);

  for (guint i = 0; i < n_blocks;)
    {
      const LiaCardBlock *block = lia_guidance_card_get_block (card, i);
      guint end = i + 1;

      plan->y += i == 0 ? size * 1.3 : gap_before (previous, block->type, size);

      switch (block->type)
        {
        case LIA_CARD_BLOCK_HEADING:
          plan->y += add_text (plan, block->text, plan->y, 0, plan->width,
                               size * 1.2, PANGO_WEIGHT_BOLD, &accent);
          break;

        case LIA_CARD_BLOCK_PARAGRAPH:
          plan->y += add_text (plan, block->text, plan->y, 0, plan->width,
                               size, PANGO_WEIGHT_NORMAL, &ink);
          break;

        case LIA_CARD_BLOCK_BULLET:
          plan->y += add_item (plan, "•", &accent, block->text, plan->y, 0, plan->width);
          break;

        case LIA_CARD_BLOCK_DO:
        case LIA_CARD_BLOCK_DONT:
          while (end < n_blocks && is_do_or_dont (card, end))
            end++;
          plan_do_dont (plan, card, i, end);
          break;

        default:
          g_assert_not_reached ();
        }

      previous = lia_guidance_card_get_block (card, end - 1)->type;
      i = end;
    }

  plan->y += size * 1.3;
  plan_callout (plan, plan->labels->ask, lia_guidance_card_get_ask (card),
                size, &ask_colour, &ask_tint);

  plan->y += size * 1.1;
  plan->y += add_text (plan, plan->labels->sources, plan->y, 0, plan->width,
                       size * 0.8, PANGO_WEIGHT_BOLD, &muted);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      plan->y += size * 0.15;
      plan->y += add_text (plan, sources[i], plan->y, 0, plan->width,
                           size * 0.8, PANGO_WEIGHT_NORMAL, &muted);
    }
}

/* The footer sits on the bottom margin whatever the body size.
 * Returns: its height. */
static double
plan_footer (Plan                   *plan,
             LiaGuidanceCard        *card,
             const LiaGuidanceEntry *entry)
{
  const Labels *labels = plan->labels;
  guint first = plan->pieces->len;
  double rule_gap = 5.0;
  double notice_width = 0;
  gboolean draft = g_strcmp0 (entry->status, "draft") == 0;
  g_autofree char *about = NULL;
  double height;

  close_box (plan, add_box (plan, 0, 0, plan->width, &rule_colour), 0.5);

  /* Whoever reads the page must see that nobody has checked its wording. */
  if (draft)
    {
      PangoLayout *layout = lia_guidance_pdf_create_layout (plan->context, labels->draft,
                                                            FOOTER_SIZE, PANGO_WEIGHT_BOLD, -1);
      int width;

      pango_layout_get_size (layout, &width, NULL);
      notice_width = (double) width / PANGO_SCALE;
      add_layout (plan, layout, rule_gap, plan->width - notice_width, notice_width, &dont_colour);
      notice_width += 12.0;
    }

  about = g_strdup_printf (LRI "%s" PDI "  ·  %s  ·  %s " LRI "%s" PDI,
                           lia_guidance_card_get_id (card), labels->language_name,
                           labels->updated, entry->updated != NULL ? entry->updated : "");
  add_text (plan, about, rule_gap, 0, plan->width - notice_width,
            FOOTER_SIZE, PANGO_WEIGHT_NORMAL, &muted);
  if (draft)
    align_baselines (plan, plan->pieces->len - 2, plan->pieces->len - 1);

  height = bottom_from (plan, first);
  for (guint i = first; i < plan->pieces->len; i++)
    piece_at (plan, i)->y += plan->height - height;

  return height;
}

/* Sets the card at the largest type size at which it fits the page. */
static gboolean
plan_page (Plan                   *plan,
           LiaGuidanceCard        *card,
           const LiaGuidanceEntry *entry,
           cairo_t                *cr,
           double                  width,
           double                  height,
           GError                **error)
{
  g_autofree char *title = NULL;

  plan->context = lia_guidance_pdf_create_context (cr, lia_guidance_card_get_lang (card));
  plan->labels = labels_for (lia_guidance_card_get_lang (card));
  plan->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_array_set_clear_func (plan->pieces, clear_piece);
  plan->left = MARGIN;
  plan->top = MARGIN;
  plan->width = width - 2 * MARGIN;
  plan->height = height - 2 * MARGIN;

  for (guint step = 0; plan->width > 0 && BASE_SIZE - step * SIZE_STEP >= MIN_SIZE; step++)
    {
      double available;

      g_array_set_size (plan->pieces, 0);
      plan->size = BASE_SIZE - step * SIZE_STEP;
      plan->y = 0;
      available = plan->height - plan_footer (plan, card, entry) - 2 * plan->size;
      plan_card (plan, card);
      if (plan->y <= available)
        return TRUE;
    }

  title = lia_card_inline_to_plain (lia_guidance_card_get_title (card));
  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
               _("The card “%s” (%s) does not fit on one page, even in the smallest type; shorten it."),
               title, lia_guidance_card_get_lang (card));
  return FALSE;
}

static void
paint (Plan    *plan,
       cairo_t *cr)
{
  cairo_save (cr);
  for (guint i = 0; i < plan->pieces->len; i++)
    {
      const Piece *piece = piece_at (plan, i);

      cairo_set_source_rgb (cr, piece->colour->r, piece->colour->g, piece->colour->b);
      if (piece->layout != NULL)
        {
          cairo_move_to (cr, piece->x, piece->y);
          pango_cairo_show_layout (cr, piece->layout);
        }
      else
        {
          cairo_rectangle (cr, piece->x, piece->y, piece->width, piece->height);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* @size: (out) (optional): the body type size the card was set in */
static gboolean
render_page (LiaGuidanceCard        *card,
             const LiaGuidanceEntry *entry,
             cairo_t                *cr,
             double                  width,
             double                  height,
             double                 *size,
             GError                **error)
{
  g_auto(Plan) plan = { 0 };

  if (!plan_page (&plan, card, entry, cr, width, height, error))
    return FALSE;

  paint (&plan, cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not draw the card: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }

  if (size != NULL)
    *size = plan.size;
  return TRUE;
}

gboolean
lia_guidance_render_page (LiaGuidanceCard        *card,
                          const LiaGuidanceEntry *entry,
                          cairo_t                *cr,
                          double                  width,
                          double                  height,
                          GError                **error)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (card), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return render_page (card, entry, cr, width, height, NULL, error);
}

/* The PDF is made in memory, so that a card that does not fit, or a
 * failure half-way, leaves no file behind, then replaces @path at once.
 *
 * @size: (out) (optional): the body type size the card was set in */
gboolean
lia_guidance_pdf_export (LiaGuidanceCard        *card,
                         const LiaGuidanceEntry *entry,
                         const char             *path,
                         double                 *size,
                         GError                **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean drawn;

  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (card), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  title = lia_card_inline_to_plain (lia_guidance_card_get_title (card));
  summary = lia_card_inline_to_plain (lia_guidance_card_get_summary (card));

  surface = lia_export_pdf_surface_new (pdf, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, summary);
  cr = cairo_create (surface);

  drawn = render_page (card, entry, cr, A4_WIDTH, A4_HEIGHT, size, error);
  if (drawn)
    cairo_show_page (cr);
  status = cairo_status (cr);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  g_clear_pointer (&surface, cairo_surface_destroy);

  if (!drawn)
    return FALSE;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not make the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  file = g_file_new_for_path (path);
  if (!g_file_replace_contents (file, (const char *) pdf->data, pdf->len, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not save the PDF: %s. Choose a folder that exists and that you can write to."),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
lia_guidance_export_pdf (LiaGuidanceCard        *card,
                         const LiaGuidanceEntry *entry,
                         const char             *path,
                         GError                **error)
{
  return lia_guidance_pdf_export (card, entry, path, NULL, error);
}
