/* lia-guidance-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lia-error.h"
#include "lia-guidance-card.h"

/* The markup is documented in data/guidance/README.md.  Parsing is strict:
 * a card that would print wrongly must fail the build, with file and line. */
struct _LiaGuidanceCard
{
  GObject    parent_instance;
  char      *id;
  char      *lang;
  char      *title;
  char      *summary;
  char      *ask;
  GPtrArray *sources;
  GArray    *blocks;
};

G_DEFINE_FINAL_TYPE (LiaGuidanceCard, lia_guidance_card, G_TYPE_OBJECT)

static void
clear_block (gpointer data)
{
  LiaCardBlock *block = data;

  g_clear_pointer (&block->text, g_free);
}

static void
lia_guidance_card_finalize (GObject *object)
{
  LiaGuidanceCard *self = (LiaGuidanceCard *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->ask, g_free);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);

  G_OBJECT_CLASS (lia_guidance_card_parent_class)->finalize (object);
}

static void
lia_guidance_card_class_init (LiaGuidanceCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_guidance_card_finalize;
}

static void
lia_guidance_card_init (LiaGuidanceCard *self)
{
  self->sources = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (LiaCardBlock));
  g_array_set_clear_func (self->blocks, clear_block);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError     **error,
      const char  *filename,
      guint        line,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, "%s:%u: %s", filename, line, message);
  return FALSE;
}

/* Checks emphasis and links are closed, so a stray marker cannot swallow
 * the rest of a paragraph on screen or in print. */
static gboolean
check_inline (const char  *text,
              const char  *filename,
              guint        line,
              GError     **error)
{
  gboolean in_emphasis = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (p[0] == '[' && p[1] == '[')
        {
          const char *end = strstr (p + 2, "]]");
          g_autofree char *target = NULL;
          const char *bar;

          if (end == NULL)
            return fail (error, filename, line, _("A link “[[” is not closed with “]]”."));

          bar = memchr (p + 2, '|', end - (p + 2));
          target = g_strndup (p + 2, (bar ? bar : end) - (p + 2));
          if (*target == '\0' || strspn (target, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (target))
            return fail (error, filename, line, _("“%s” is not a card id: use lower-case letters, digits and hyphens."), target);
          if (bar != NULL && bar + 1 == end)
            return fail (error, filename, line, _("The link to “%s” has an empty text after “|”."), target);

          p = end + 1;
        }
      else if (*p == '*')
        in_emphasis = !in_emphasis;
    }

  if (in_emphasis)
    return fail (error, filename, line, _("An emphasis “*” is not closed."));

  return TRUE;
}

static void
add_block (LiaGuidanceCard  *self,
           LiaCardBlockType  type,
           const char       *text)
{
  LiaCardBlock block = { type, g_strdup (text) };

  g_array_append_val (self->blocks, block);
}

/**
 * lia_guidance_card_parse:
 * @filename: shown in errors, with the line number
 *
 * Returns: (transfer full): the card, or %NULL with @error saying where and
 *   what is wrong
 */
LiaGuidanceCard *
lia_guidance_card_parse (const char  *id,
                         const char  *lang,
                         const char  *source,
                         const char  *filename,
                         GError     **error)
{
  g_autoptr(LiaGuidanceCard) self = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) paragraph = NULL;
  guint paragraph_line = 0;
  guint last_line = 1;
  guint n_lines;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (filename == NULL)
    filename = id;

  if (!g_utf8_validate (source, -1, NULL))
    {
      fail (error, filename, 1, _("The file is not valid UTF-8."));
      return NULL;
    }

  self = g_object_new (LIA_TYPE_GUIDANCE_CARD, NULL);
  self->id = g_strdup (id);
  self->lang = g_strdup (lang);
  paragraph = g_string_new (NULL);

  lines = g_strsplit (source, "\n", -1);
  n_lines = g_strv_length (lines);

  /* One pass over n_lines + 1 lines: the extra empty line flushes the last
   * paragraph. */
  for (guint i = 0; i <= n_lines; i++)
    {
      const char *raw = i < n_lines ? lines[i] : "";
      g_autofree char *line = g_strstrip (g_strdup (raw));
      guint lineno = i + 1;
      gboolean heading, marked;
      const char *text;

      if (line[0] == '#')
        continue;

      heading = g_str_has_prefix (line, "== ") || g_str_equal (line, "==");
      marked = !heading && line[0] != '\0' && line[1] == ' ' && strchr ("=>*+-?@", line[0]) != NULL;

      if ((heading || marked || line[0] == '\0') && paragraph->len > 0)
        {
          /* Anything but more paragraph text ends the paragraph. */
          if (!check_inline (paragraph->str, filename, paragraph_line, error))
            return NULL;
          add_block (self, LIA_CARD_BLOCK_PARAGRAPH, paragraph->str);
          g_string_truncate (paragraph, 0);
        }

      if (line[0] == '\0')
        continue;

      last_line = lineno;

      if (self->title == NULL && !(marked && line[0] == '='))
        {
          fail (error, filename, lineno, _("A card starts with its title on a line beginning with “= ”."));
          return NULL;
        }

      if (heading)
        {
          text = g_strstrip (line + 2);
          if (*text == '\0')
            goto empty;
          if (!check_inline (text, filename, lineno, error))
            return NULL;
          add_block (self, LIA_CARD_BLOCK_HEADING, text);
          continue;
        }

      if (!marked)
        {
          if (self->summary == NULL)
            {
              fail (error, filename, lineno, _("The title must be followed by a one-sentence summary on a line beginning with “> ”."));
              return NULL;
            }
          if (paragraph->len == 0)
            paragraph_line = lineno;
          else
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, line);
          continue;
        }

      text = g_strstrip (line + 2);
      if (*text == '\0')
        goto empty;

      if (line[0] != '=' && line[0] != '>' && self->summary == NULL)
        {
          fail (error, filename, lineno, _("The title must be followed by a one-sentence summary on a line beginning with “> ”."));
          return NULL;
        }

      if (!check_inline (text, filename, lineno, error))
        return NULL;

      switch (line[0])
        {
        case '=':
          if (self->title != NULL)
            {
              fail (error, filename, lineno, _("A card has only one title; use “== ” for a section heading."));
              return NULL;
            }
          self->title = g_strdup (text);
          break;

        case '>':
          if (self->summary != NULL)
            {
              fail (error, filename, lineno, _("A card has only one summary line (“> ”)."));
              return NULL;
            }
          self->summary = g_strdup (text);
          break;

        case '*':
          add_block (self, LIA_CARD_BLOCK_BULLET, text);
          break;

        case '+':
          add_block (self, LIA_CARD_BLOCK_DO, text);
          break;

        case '-':
          add_block (self, LIA_CARD_BLOCK_DONT, text);
          break;

        case '?':
          if (self->ask != NULL)
            {
              fail (error, filename, lineno, _("A card has only one “when in doubt, ask” line (“? ”)."));
              return NULL;
            }
          self->ask = g_strdup (text);
          break;

        case '@':
          g_ptr_array_add (self->sources, g_strdup (text));
          break;

        default:
          g_assert_not_reached ();
        }
      continue;

    empty:
      fail (error, filename, lineno, _("This line has a marker but no text."));
      return NULL;
    }

  if (self->title == NULL)
    fail (error, filename, 1, _("The card is empty: it needs at least a title (“= ”)."));
  else if (self->summary == NULL)
    fail (error, filename, last_line, _("The card has no summary line (“> ”)."));
  else if (self->ask == NULL)
    fail (error, filename, last_line, _("The card has no “when in doubt, ask” line (“? ”)."));
  else if (self->sources->len == 0)
    fail (error, filename, last_line, _("The card names no source (“@ document, edition, year”)."));
  else
    return g_steal_pointer (&self);

  return NULL;
}

const char *
lia_guidance_card_get_id (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  return self->id;
}

const char *
lia_guidance_card_get_lang (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  return self->lang;
}

const char *
lia_guidance_card_get_title (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  return self->title;
}

const char *
lia_guidance_card_get_summary (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  return self->summary;
}

const char *
lia_guidance_card_get_ask (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  return self->ask;
}

const char * const *
lia_guidance_card_get_sources (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  return (const char * const *) self->sources->pdata;
}

guint
lia_guidance_card_get_n_blocks (LiaGuidanceCard *self)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), 0);
  return self->blocks->len;
}

const LiaCardBlock *
lia_guidance_card_get_block (LiaGuidanceCard *self,
                             guint            position)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);
  g_return_val_if_fail (position < self->blocks->len, NULL);

  return &g_array_index (self->blocks, LiaCardBlock, position);
}

static void
collect_links (const char *text,
               GPtrArray  *links)
{
  for (const char *p = text; (p = strstr (p, "[[")) != NULL;)
    {
      const char *end = strstr (p, "]]");
      const char *bar = memchr (p + 2, '|', end - (p + 2));
      g_autofree char *target = g_strndup (p + 2, (bar ? bar : end) - (p + 2));

      if (!g_ptr_array_find_with_equal_func (links, target, g_str_equal, NULL))
        g_ptr_array_add (links, g_steal_pointer (&target));
      p = end + 2;
    }
}

/* Returns: (transfer full): the ids of the cards this card links to */
char **
lia_guidance_card_dup_links (LiaGuidanceCard *self)
{
  GPtrArray *links;

  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);

  links = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  collect_links (self->summary, links);
  for (guint i = 0; i < self->blocks->len; i++)
    collect_links (g_array_index (self->blocks, LiaCardBlock, i).text, links);
  collect_links (self->ask, links);

  return (char **) g_ptr_array_free (links, FALSE);
}

/* Returns: (transfer full): @text without markers, link texts kept */
char *
lia_card_inline_to_plain (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (p[0] == '[' && p[1] == '[')
        {
          const char *end = strstr (p + 2, "]]");
          const char *bar = end ? memchr (p + 2, '|', end - (p + 2)) : NULL;

          if (end == NULL)
            {
              g_string_append (plain, p);
              break;
            }
          if (bar != NULL)
            g_string_append_len (plain, bar + 1, end - (bar + 1));
          else
            g_string_append_len (plain, p + 2, end - (p + 2));
          p = end + 1;
        }
      else if (*p != '*')
        g_string_append_c (plain, *p);
    }

  return g_string_free (plain, FALSE);
}

/* Returns: (transfer full): every block as plain text, for the search index */
char *
lia_guidance_card_dup_plain_body (LiaGuidanceCard *self)
{
  GString *body;

  g_return_val_if_fail (LIA_IS_GUIDANCE_CARD (self), NULL);

  body = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      g_autofree char *plain = lia_card_inline_to_plain (g_array_index (self->blocks, LiaCardBlock, i).text);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, plain);
    }
  if (self->ask != NULL)
    {
      g_autofree char *plain = lia_card_inline_to_plain (self->ask);

      g_string_append_c (body, '\n');
      g_string_append (body, plain);
    }

  return g_string_free (body, FALSE);
}
