/* lia-hq-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page of the dashboard is built with lia_hq_html_append(), whose
 * %s escapes what it inserts: field content from the field can hold any
 * markup, and must always reach a browser as text.  Only %R inserts
 * markup, and only markup the dashboard built itself.
 */
#include "config.h"

#include <string.h>

#include "lia-hq-html.h"

/**
 * lia_hq_html_escape:
 * @out: where to append
 * @text: (nullable): any text
 *
 * Appends @text with the five characters that mean something in HTML
 * text or in a quoted attribute replaced by entities.  Invalid UTF-8
 * becomes U+FFFD, so nothing odd reaches the browser either.
 */
void
lia_hq_html_escape (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':  g_string_append (out, "&amp;"); break;
        case '<':  g_string_append (out, "&lt;"); break;
        case '>':  g_string_append (out, "&gt;"); break;
        case '"':  g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default:   g_string_append_c (out, *p); break;
        }
    }
}

/**
 * lia_hq_html_append_valist:
 * @out: where to append
 * @format: markup with conversions: %s (text, escaped; NULL is empty),
 *   %R (markup built by the dashboard, inserted as is), %d (int),
 *   %u (guint), %L (gint64) and %%
 * @args: the values
 */
void
lia_hq_html_append_valist (GString    *out,
                           const char *format,
                           va_list     args)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (format != NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }

      switch (*++p)
        {
        case 's':
          lia_hq_html_escape (out, va_arg (args, const char *));
          break;
        case 'R':
          {
            const char *markup = va_arg (args, const char *);

            if (markup != NULL)
              g_string_append (out, markup);
          }
          break;
        case 'd':
          g_string_append_printf (out, "%d", va_arg (args, int));
          break;
        case 'u':
          g_string_append_printf (out, "%u", va_arg (args, guint));
          break;
        case 'L':
          g_string_append_printf (out, "%" G_GINT64_FORMAT, va_arg (args, gint64));
          break;
        case '%':
          g_string_append_c (out, '%');
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
lia_hq_html_append (GString    *out,
                    const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  lia_hq_html_append_valist (out, format, args);
  va_end (args);
}

static gboolean
is_arabic_char (gunichar c)
{
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

static void
count_letters (const char *text,
               guint      *arabic,
               guint      *other)
{
  *arabic = *other = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_arabic_char (c))
        (*arabic)++;
      else if (g_unichar_isalpha (c))
        (*other)++;
    }
}

/**
 * lia_hq_html_is_arabic:
 * @text: (nullable): any text
 *
 * Returns: %TRUE if @text has Arabic letters and no more letters of other
 *   scripts, so that it reads right to left
 */
gboolean
lia_hq_html_is_arabic (const char *text)
{
  guint arabic;
  guint other;

  count_letters (text, &arabic, &other);

  return arabic > 0 && arabic >= other;
}

/**
 * lia_hq_html_append_text:
 * @out: where to append
 * @element: an element name such as "p" or "span"
 * @css_class: (nullable): its class
 * @language: (nullable): the language the record says its text is in
 * @text: (nullable): field content
 *
 * Appends @text in an element that carries its language and direction:
 * right to left when the record says Arabic or the text is Arabic, so
 * that an Arabic report reads correctly in an English page and an
 * English one in an Arabic page.
 */
void
lia_hq_html_append_text (GString    *out,
                         const char *element,
                         const char *css_class,
                         const char *language,
                         const char *text)
{
  guint arabic_letters;
  guint other_letters;
  gboolean arabic;
  const char *lang;

  /* The record's language decides, unless the text is plainly in
   * another script (a Latin place name in an Arabic report). */
  count_letters (text, &arabic_letters, &other_letters);
  if (g_strcmp0 (language, "ar") == 0)
    arabic = arabic_letters >= other_letters;
  else
    arabic = arabic_letters > 0 && arabic_letters >= other_letters;

  if (arabic)
    lang = "ar";
  else if (language != NULL && !g_str_equal (language, "ar"))
    lang = language;
  else
    lang = NULL;

  g_string_append_printf (out, "<%s", element);
  if (css_class != NULL)
    lia_hq_html_append (out, " class=\"%s\"", css_class);
  if (lang != NULL)
    lia_hq_html_append (out, " lang=\"%s\"", lang);
  g_string_append_printf (out, " dir=\"%s\">", arabic ? "rtl" : "ltr");
  lia_hq_html_escape (out, text);
  g_string_append_printf (out, "</%s>", element);
}

/**
 * lia_hq_html_csv_field:
 * @out: a CSV line being built
 * @text: (nullable): a value
 *
 * Appends @text as one RFC 4180 field.  A value that a spreadsheet would
 * run as a formula (=, +, -, @ first) is prefixed with an apostrophe, so
 * that opening an export never runs what a field device sent.
 */
void
lia_hq_html_csv_field (GString    *out,
                       const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
