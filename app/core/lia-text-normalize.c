/* lia-text-normalize.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lia-text-normalize.h"

/* The same rules run when a text is indexed and when a query is read, so two
 * spellings they fold together always find the same rows.  In order:
 *
 * 1. Folding, whatever the language (fold_token):
 *    - Unicode case folding, then NFKD, which also turns Arabic presentation
 *      forms and ligatures (ﻻ, ﬁ) and full-width characters into plain ones;
 *    - Latin: combining marks dropped (é → e, ç → c, ï → i); œ → oe, æ → ae,
 *      ø → o, ł → l, đ → d, which have no decomposition;
 *    - Arabic: tashkeel U+064B–U+0652, superscript alef U+0670, the other
 *      Quranic marks and tatweel U+0640 dropped; أ إ آ ٱ → ا; ة → ه; ى → ي;
 *      Persian ی → ي and ک → ك (Persian keyboards type them); hamza on waw
 *      and yeh (ؤ ئ) is kept, it is part of the spelling;
 *    - Arabic-Indic ٠–٩ and Persian ۰–۹ digits → 0–9;
 *    - format characters (ZWNJ, soft hyphen, bidi marks) dropped;
 *    - French elision: a leading l' d' j' m' n' s' t' c' qu' jusqu' lorsqu'
 *      puisqu' quoiqu' goes (’ and ʼ count as apostrophes); then a trailing
 *      possessive 's, then any apostrophe left (aujourd'hui → aujourdhui).
 * 2. Stemming by language for Latin words made only of a–z after folding
 *    (stem_english, stem_french); nothing for AR, whose Latin words are names.
 * 3. The Arabic article, whatever the language (arabic_articles); other
 *    proclitics only as extra forms (add_arabic_variants).
 *
 * Nothing here consults a dictionary: the stems are keys, not words. */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0xFF07;
}

gboolean
lia_text_language_from_string (const char      *code,
                               LiaTextLanguage *language)
{
  static const struct {
    const char      *code;
    LiaTextLanguage  language;
  } codes[] = {
    { "any", LIA_TEXT_LANGUAGE_ANY },
    { "en", LIA_TEXT_LANGUAGE_EN },
    { "fr", LIA_TEXT_LANGUAGE_FR },
    { "ar", LIA_TEXT_LANGUAGE_AR },
  };
  gsize n;
  guint i;

  g_return_val_if_fail (language != NULL, FALSE);

  if (code == NULL || *code == '\0')
    {
      *language = LIA_TEXT_LANGUAGE_ANY;
      return TRUE;
    }

  /* A locale name ("fr_FR.UTF-8", "ar-SY") starts with its language. */
  n = strcspn (code, "_-.@");
  for (i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (strlen (codes[i].code) == n && g_ascii_strncasecmp (code, codes[i].code, n) == 0)
        {
          *language = codes[i].language;
          return TRUE;
        }
    }

  return FALSE;
}

/* Words are runs of letters, digits and combining marks.  Marks must not end
 * a word: Arabic harakat are marks, and a tokenizer that splits on them cuts
 * "المُرافَقة" into pieces.  Tatweel is a letter (Lm), so it stays inside too.
 * Format characters (ZWNJ, bidi marks) continue a word without starting or
 * ending one, and an apostrophe between two letters belongs to the word so
 * that French elision can be undone later. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
starts_with_letter (const char *p,
                    const char *end)
{
  gunichar c;

  if (p >= end)
    return FALSE;

  c = g_utf8_get_char_validated (p, end - p);
  return c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalpha (c);
}

void
lia_text_foreach_word (const char      *text,
                       gssize           len,
                       LiaTextWordFunc  func,
                       gpointer         user_data)
{
  const char *p;
  const char *end;
  const char *word = NULL;      /* start of the word being read, or NULL */
  const char *word_end = NULL;  /* end of its last letter, digit or mark */

  g_return_if_fail (text != NULL || len <= 0);
  g_return_if_fail (func != NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);

  p = text;
  end = text + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;
      gboolean in_word;

      /* Invalid UTF-8 (and NUL) separates words; FTS5 may hand us any bytes. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          next = p + 1;
          in_word = FALSE;
        }
      else
        {
          next = g_utf8_next_char (p);
          if (is_apostrophe (c))
            in_word = word != NULL && word_end == p && starts_with_letter (next, end);
          else if (g_unichar_type (c) == G_UNICODE_FORMAT)
            {
              p = next;
              continue;
            }
          else
            in_word = is_word_char (c);
        }

      if (in_word)
        {
          if (word == NULL)
            word = p;
          word_end = next;
        }
      else if (word != NULL)
        {
          if (!func (text, word - text, word_end - text, user_data))
            return;
          word = NULL;
        }

      p = next;
    }

  if (word != NULL)
    func (text, word - text, word_end - text, user_data);
}

gsize
lia_text_get_elision_length (const char *word,
                             gsize       len)
{
  /* Longest first; all end in a letter followed by the apostrophe. */
  static const char * const articles[] = {
    "jusqu", "lorsqu", "puisqu", "quoiqu", "qu",
    "c", "d", "j", "l", "m", "n", "s", "t",
  };
  guint i;

  g_return_val_if_fail (word != NULL || len == 0, 0);

  for (i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      gsize n = strlen (articles[i]);
      gunichar c;
      const char *after;

      if (len <= n || g_ascii_strncasecmp (word, articles[i], n) != 0)
        continue;

      c = g_utf8_get_char_validated (word + n, len - n);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_apostrophe (c))
        continue;

      /* "l'" alone is not elision: something must be left to index. */
      after = g_utf8_next_char (word + n);
      if (after < word + len)
        return after - word;
    }

  return 0;
}

/* Arabic marks we drop, by code point because marks have the "Inherited"
 * script: harakat and the extended ones (U+064B–U+065F), superscript alef,
 * honorifics above letters and Quranic annotation. */
static gboolean
is_arabic_mark (gunichar c)
{
  return (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x064B && c <= 0x065F) ||
         c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED && g_unichar_ismark (c)) ||
         (c >= 0x08D3 && c <= 0x08FF && g_unichar_ismark (c));
}

/* Removes the elided article, a possessive 's and remaining apostrophes, in
 * place.  Apostrophes are ASCII by now. */
static void
drop_apostrophes (char *s)
{
  gsize elided = lia_text_get_elision_length (s, strlen (s));
  gsize n;
  char *r;
  char *w;

  if (elided > 0)
    memmove (s, s + elided, strlen (s + elided) + 1);

  n = strlen (s);
  if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
    s[n - 2] = '\0';

  for (r = w = s; *r != '\0'; r++)
    if (*r != '\'')
      *w++ = *r;
  *w = '\0';
}

static gboolean
is_ascii (const char *s,
          gsize       len)
{
  gsize i;

  for (i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80)
      return FALSE;

  return TRUE;
}

/* Step 1: the folded "surface" form, before any stemming. */
static char *
fold_token (const char *token,
            gsize       len)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) out = NULL;
  char *composed;
  gunichar last = 0;
  GUnicodeScript last_script = G_UNICODE_SCRIPT_UNKNOWN;
  const char *p;

  /* Most English and French words are ASCII, where folding is lowering. */
  if (is_ascii (token, len))
    {
      composed = g_ascii_strdown (token, len);
      drop_apostrophes (composed);
      return composed;
    }

  folded = g_utf8_casefold (token, len);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  g_assert (decomposed != NULL);
  out = g_string_sized_new (strlen (decomposed));

  for (p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *expansion = NULL;

      if (c >= 0x0653 && c <= 0x0655)
        {
          /* NFKD made أ إ آ into alef + hamza or madda: people type the bare
           * alef.  Hamza above stays on waw and yeh so that NFC below puts
           * ؤ and ئ back together. */
          if (c == 0x0654 && last != 0 && last != 0x0627)
            g_string_append_unichar (out, c);
          continue;
        }

      if (c == 0x0640 || is_arabic_mark (c))
        continue;

      if (g_unichar_ismark (c))
        {
          /* Accents go only from Latin letters: other scripts (Cyrillic й,
           * Devanagari vowel signs) spell different words with them. */
          if (last != 0 && last_script != G_UNICODE_SCRIPT_LATIN)
            g_string_append_unichar (out, c);
          continue;
        }

      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;

      if (is_apostrophe (c))
        c = '\'';

      switch (c)
        {
        case 0x0153: expansion = "oe"; break;
        case 0x00E6: expansion = "ae"; break;
        case 0x00F8: c = 'o'; break;
        case 0x0142: c = 'l'; break;
        case 0x0111: c = 'd'; break;
        case 0x0671: case 0x0672: case 0x0673: c = 0x0627; break;
        case 0x0629: c = 0x0647; break;
        case 0x0649: case 0x06CC: c = 0x064A; break;
        case 0x06A9: c = 0x0643; break;
        default:
          if (c >= 0x0660 && c <= 0x0669)
            c = '0' + (c - 0x0660);
          else if (c >= 0x06F0 && c <= 0x06F9)
            c = '0' + (c - 0x06F0);
          break;
        }

      if (expansion != NULL)
        {
          g_string_append (out, expansion);
          c = 'e';
        }
      else
        g_string_append_unichar (out, c);

      last = c;
      last_script = g_unichar_get_script (c);
    }

  composed = g_utf8_normalize (out->str, out->len, G_NORMALIZE_NFC);
  g_assert (composed != NULL);
  drop_apostrophes (composed);

  return composed;
}

static gboolean
ends_with (const char *w,
           gsize       n,
           const char *suffix)
{
  gsize m = strlen (suffix);

  return n >= m && memcmp (w + n - m, suffix, m) == 0;
}

static gboolean
is_vowel (const char *w,
          gsize       i)
{
  /* y after the first letter is a vowel ("cycle", "study"), as in Porter. */
  return strchr ("aeiou", w[i]) != NULL || (w[i] == 'y' && i > 0);
}

static gboolean
has_vowel (const char *w,
           gsize       n)
{
  gsize i;

  for (i = 0; i < n; i++)
    if (is_vowel (w, i))
      return TRUE;

  return FALSE;
}

/* A stem that -ed or -ing may leave: 3+ letters with a vowel, so "need",
 * "bed", "thing", "string" and "being" keep their ending. */
static gboolean
is_verb_stem (const char *w,
              gsize       n)
{
  return n >= 3 && has_vowel (w, n);
}

/* "planned" → "plann" → "plan", but "called", "missed", "buzzed" keep their
 * double letter, and so does a 3-letter stem ("added" → "add"). */
static gsize
undouble (const char *w,
          gsize       n)
{
  if (n >= 4 && w[n - 1] == w[n - 2] && !is_vowel (w, n - 1) && strchr ("lsz", w[n - 1]) == NULL)
    return n - 1;

  return n;
}

/* A light English stemmer: our own subset of Porter's step 1 (M. F. Porter,
 * "An algorithm for suffix stripping", 1980), small enough to read whole.
 * It only has to send the forms of a word to one key:
 *   plurals  -s goes unless -ss -us -is or under 3 letters remain;
 *   verbs    -eed stays ("need", "proceed"); -ied → -ie ("tied" → "tie");
 *            -ed and -ing go when is_verb_stem(), then undouble();
 *   endings  final -e goes (not after e, not under 3 letters), so
 *            evacuate/evacuated/evacuating meet at "evacuat"; final -y → -i,
 *            so agency/agencies and convoy/convoys meet too.
 * Known misses: irregular forms (went, children), agreed ≠ agree. */
static gsize
stem_english (char  *w,
              gsize  n)
{
  /* -es plurals keep their e here and lose it with the final -e rule:
   * boxes → boxe → box, addresses → addresse → address, agencies →
   * agencie → agenci. */
  if (ends_with (w, n, "s") && n > 3 &&
      !ends_with (w, n, "ss") && !ends_with (w, n, "us") && !ends_with (w, n, "is"))
    n -= 1;

  if (ends_with (w, n, "eed"))
    ;
  else if (ends_with (w, n, "ied"))
    n -= 1;   /* → -ie, then -i below when 3 letters stay, as for -ies */
  else if (ends_with (w, n, "ed") && is_verb_stem (w, n - 2))
    n = undouble (w, n - 2);
  else if (ends_with (w, n, "ing") && is_verb_stem (w, n - 3))
    n = undouble (w, n - 3);

  if (n >= 4 && w[n - 1] == 'e' && w[n - 2] != 'e')
    n -= 1;
  if (n >= 3 && w[n - 1] == 'y')
    w[n - 1] = 'i';

  w[n] = '\0';
  return n;
}

/* French: plurals only.  Gender and verb endings would need a real stemmer
 * to avoid sending different words to one key.  -eaux → -eau, -aux → -al
 * (hôpitaux → hopital; travaux is the known miss), -eux -oux lose the x,
 * -s goes unless -ss; at least 3 letters stay. */
static gsize
stem_french (char  *w,
             gsize  n)
{
  if (ends_with (w, n, "eaux"))
    n -= 1;
  else if (ends_with (w, n, "aux") && n >= 5)
    {
      w[n - 2] = 'l';
      n -= 1;
    }
  else if ((ends_with (w, n, "eux") || ends_with (w, n, "oux")) && n >= 4)
    n -= 1;
  else if (ends_with (w, n, "s") && !ends_with (w, n, "ss") && n >= 4)
    n -= 1;

  w[n] = '\0';
  return n;
}

static gboolean
is_ascii_word (const char *w)
{
  if (*w == '\0')
    return FALSE;

  for (; *w != '\0'; w++)
    if (*w < 'a' || *w > 'z')
      return FALSE;

  return TRUE;
}

static gboolean
is_arabic_word (const char *w)
{
  return *w != '\0' && g_unichar_get_script (g_utf8_get_char (w)) == G_UNICODE_SCRIPT_ARABIC;
}

/* The length in bytes of the first of prefixes (listed longest first) that
 * w starts with and that leaves at least min_left letters; 0 if none. */
static gsize
arabic_prefix_length (const char         *w,
                      const char * const *prefixes,
                      gsize               n_prefixes,
                      glong               min_left)
{
  gsize i;

  for (i = 0; i < n_prefixes; i++)
    {
      gsize n = strlen (prefixes[i]);

      if (strncmp (w, prefixes[i], n) == 0 && g_utf8_strlen (w + n, -1) >= min_left)
        return n;
    }

  return 0;
}

/* The article and what attaches in front of it: ال; و ف ب ك before it
 * (وال فال بال كال); ل, which swallows the alef (لل); and the pairs
 * وبال فبال وكال فكال ولل فلل.  Longest first.  It goes only when at least
 * 2 letters remain, so a short word that merely starts with these letters
 * (الي, "to") keeps them.  Letters are already folded (no أ, no ة). */
static const char * const arabic_articles[] = {
  "وبال", "فبال", "وكال", "فكال",
  "وال", "فال", "بال", "كال", "ولل", "فلل",
  "ال", "لل",
};
#define ARABIC_ARTICLE_MIN_LEFT 2

/* و ف ب ك ل without the article begin too many stems (وصول, فريق, بلد,
 * كتاب, لجنة) to be cut from the indexed key, and cutting them would make a
 * typed prefix ("كتا*") miss.  They are offered as extra forms instead (see
 * add_arabic_variants), and only when 3 letters, a root's worth, remain. */
static const char * const arabic_proclitics[] = {
  "وب", "وك", "ول", "فب", "فك", "فل",
  "و", "ف", "ب", "ك", "ل",
};
#define ARABIC_PROCLITIC_MIN_LEFT 3

/* Steps 2 and 3 on a folded token; *article_out is TRUE when an Arabic
 * article was stripped. */
static char *
stem_token (const char      *surface,
            LiaTextLanguage  language,
            gboolean        *article_out)
{
  char *w = g_strdup (surface);
  gsize cut;

  *article_out = FALSE;

  if (is_ascii_word (w))
    {
      switch (language)
        {
        case LIA_TEXT_LANGUAGE_ANY:
        case LIA_TEXT_LANGUAGE_EN:
          stem_english (w, strlen (w));
          break;
        case LIA_TEXT_LANGUAGE_FR:
          stem_french (w, strlen (w));
          break;
        case LIA_TEXT_LANGUAGE_AR:
        default:
          break;
        }
    }
  else if (is_arabic_word (w))
    {
      cut = arabic_prefix_length (w, arabic_articles, G_N_ELEMENTS (arabic_articles),
                                  ARABIC_ARTICLE_MIN_LEFT);
      if (cut > 0)
        {
          memmove (w, w + cut, strlen (w + cut) + 1);
          *article_out = TRUE;
        }
    }

  return w;
}

static char *
normalize (const char      *token,
           gssize           len,
           LiaTextLanguage  language,
           char           **surface_out,
           gboolean        *article_out)
{
  g_autofree char *valid = NULL;
  g_autofree char *surface = NULL;
  char *primary;

  if (len < 0)
    len = strlen (token);

  /* Callers may pass anything; FTS5 passes bytes, but only valid words. */
  if (!g_utf8_validate_len (token, len, NULL))
    {
      valid = g_utf8_make_valid (token, len);
      token = valid;
      len = strlen (valid);
    }

  surface = fold_token (token, len);
  primary = stem_token (surface, language, article_out);

  if (surface_out != NULL)
    *surface_out = g_steal_pointer (&surface);

  return primary;
}

/**
 * lia_text_normalize_token:
 * @token: one word, as lia_text_foreach_word() finds them
 * @len: its length in bytes, or -1 if nul-terminated
 * @language: which stemming rules apply
 *
 * Returns: (transfer full): the search key of @token, empty when nothing
 *   searchable is left (a lone harakah or tatweel)
 */
char *
lia_text_normalize_token (const char      *token,
                          gssize           len,
                          LiaTextLanguage  language)
{
  gboolean article;

  g_return_val_if_fail (token != NULL || len == 0, NULL);

  if (token == NULL)
    return g_strdup ("");

  return normalize (token, len, language, NULL, &article);
}

static void
add_form (GPtrArray *forms,
          char      *form)
{
  guint i;

  for (i = 0; i < forms->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (forms, i), form))
        {
          g_free (form);
          return;
        }
    }

  g_ptr_array_add (forms, form);
}

/* Extra keys for an Arabic word, indexed and queried at the same position as
 * the main one, so that either side finds the other:
 *  - after an article, a second ال: "الالتزام" → "التزام" → "تزام", the key
 *    that "التزام" itself gets (its ال is part of the stem, not an article);
 *  - with no article, the word without a leading proclitic (و ف ب ك ل, or
 *    و/ف + ب/ك/ل): "بمرافقة" → "مرافقه", "ولجنة" → "لجنه" and "جنه". */
static void
add_arabic_variants (GPtrArray  *forms,
                     const char *primary,
                     gboolean    article)
{
  gsize cut;
  guint i;

  if (article)
    {
      if (g_str_has_prefix (primary, "ال") &&
          g_utf8_strlen (primary + strlen ("ال"), -1) >= ARABIC_ARTICLE_MIN_LEFT)
        add_form (forms, g_strdup (primary + strlen ("ال")));
      return;
    }

  for (i = 0; i < G_N_ELEMENTS (arabic_proclitics); i++)
    {
      cut = strlen (arabic_proclitics[i]);
      if (g_str_has_prefix (primary, arabic_proclitics[i]) &&
          g_utf8_strlen (primary + cut, -1) >= ARABIC_PROCLITIC_MIN_LEFT)
        add_form (forms, g_strdup (primary + cut));
    }
}

/**
 * lia_text_get_token_forms:
 * @token: one word
 * @len: its length in bytes, or -1 if nul-terminated
 * @language: which stemming rules apply
 * @flags: %LIA_TEXT_FORMS_SURFACE to add the unstemmed form
 *
 * The keys under which a search index stores @token, or which a query looks
 * up for it: the normalised form first (lia_text_normalize_token()), then
 * synonyms without duplicates.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty when nothing
 *   searchable is left
 */
GStrv
lia_text_get_token_forms (const char        *token,
                          gssize             len,
                          LiaTextLanguage    language,
                          LiaTextFormsFlags  flags)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *surface = NULL;
  gboolean article = FALSE;
  char *primary;

  g_return_val_if_fail (token != NULL || len == 0, NULL);

  if (token != NULL)
    {
      primary = normalize (token, len, language, &surface, &article);

      if (*primary == '\0')
        g_free (primary);
      else
        {
          g_ptr_array_add (forms, primary);
          if (flags & LIA_TEXT_FORMS_SURFACE)
            add_form (forms, g_steal_pointer (&surface));
          if (is_arabic_word (primary))
            add_arabic_variants (forms, primary, article);
        }
    }

  g_ptr_array_add (forms, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&forms), FALSE);
}

typedef struct
{
  GString         *out;
  LiaTextLanguage  language;
} QueryData;

static gboolean
append_normalized_word (const char *text,
                        gsize       start,
                        gsize       end,
                        gpointer    user_data)
{
  QueryData *data = user_data;
  g_autofree char *key = lia_text_normalize_token (text + start, end - start, data->language);

  if (*key != '\0')
    {
      if (data->out->len > 0)
        g_string_append_c (data->out, ' ');
      g_string_append (data->out, key);
    }

  return TRUE;
}

/**
 * lia_text_normalize_query:
 * @text: what a person typed, or any text
 * @language: which stemming rules apply
 *
 * Splits @text into words as the search index does and normalises each,
 * for comparing texts outside SQLite (filtering a list in memory, tests).
 *
 * Returns: (transfer full): the keys separated by single spaces, possibly
 *   empty
 */
char *
lia_text_normalize_query (const char      *text,
                          LiaTextLanguage  language)
{
  QueryData data;

  g_return_val_if_fail (text != NULL, NULL);

  data.out = g_string_new (NULL);
  data.language = language;
  lia_text_foreach_word (text, -1, append_normalized_word, &data);

  return g_string_free (data.out, FALSE);
}
