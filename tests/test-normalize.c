/* test-normalize.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "liaison-core.h"

#define ANY LIA_TEXT_LANGUAGE_ANY
#define EN  LIA_TEXT_LANGUAGE_EN
#define FR  LIA_TEXT_LANGUAGE_FR
/* AR leaves Latin words unstemmed: the tests of folding use it to see the
 * folding alone. */
#define AR  LIA_TEXT_LANGUAGE_AR

#define assert_key(token, language, expected) G_STMT_START { \
    g_autofree char *key_ = lia_text_normalize_token ((token), -1, (language)); \
    if (g_strcmp0 (key_, (expected)) != 0) \
      g_test_message ("normalising “%s”", (token)); \
    g_assert_cmpstr (key_, ==, (expected)); \
  } G_STMT_END

#define assert_same_key(a, b, language) G_STMT_START { \
    g_autofree char *ka_ = lia_text_normalize_token ((a), -1, (language)); \
    g_autofree char *kb_ = lia_text_normalize_token ((b), -1, (language)); \
    if (g_strcmp0 (ka_, kb_) != 0) \
      g_test_message ("“%s” and “%s” should share a key", (a), (b)); \
    g_assert_cmpstr (ka_, ==, kb_); \
  } G_STMT_END

static gboolean
forms_contain (const char      *token,
               LiaTextLanguage  language,
               const char      *form)
{
  g_auto(GStrv) forms = lia_text_get_token_forms (token, -1, language, LIA_TEXT_FORMS_DEFAULT);

  return g_strv_contains ((const char * const *) forms, form);
}

/* Folding */

static void
test_case (void)
{
  assert_key ("CONVOI", AR, "convoi");
  assert_key ("Convoi", AR, "convoi");
  assert_key ("UNHCR", AR, "unhcr");
  assert_key ("Straße", AR, "strasse");
  assert_key ("İstanbul", AR, "istanbul");
  assert_key ("ＵＮ２０", AR, "un20");
}

static void
test_accents_acute (void)
{
  assert_key ("évacué", AR, "evacue");
  assert_key ("ÉVACUÉ", AR, "evacue");
  /* Decomposed input (e + U+0301) folds like the precomposed one. */
  assert_key ("e\xcc\x81vacue\xcc\x81", AR, "evacue");
}

static void
test_accents_grave (void)
{
  assert_key ("problème", AR, "probleme");
  assert_key ("où", AR, "ou");
  assert_key ("À", AR, "a");
}

static void
test_accents_circumflex (void)
{
  assert_key ("hôpital", AR, "hopital");
  assert_key ("fenêtre", AR, "fenetre");
  assert_key ("île", AR, "ile");
  assert_key ("sûr", AR, "sur");
  assert_key ("ÂGE", AR, "age");
}

static void
test_accents_diaeresis (void)
{
  assert_key ("naïf", AR, "naif");
  assert_key ("Noël", AR, "noel");
  assert_key ("capharnaüm", AR, "capharnaum");
  assert_key ("L’Haÿ", AR, "hay");
}

static void
test_accents_cedilla (void)
{
  assert_key ("français", AR, "francais");
  assert_key ("ÇA", AR, "ca");
}

static void
test_accents_other_scripts (void)
{
  /* Only Latin letters lose their marks: й is not и. */
  assert_key ("й", AR, "й");
}

static void
test_ligatures (void)
{
  assert_key ("cœur", AR, "coeur");
  assert_key ("Œuvre", AR, "oeuvre");
  assert_key ("æquo", AR, "aequo");
  assert_key ("ÆGIS", AR, "aegis");
  assert_key ("ﬁnance", AR, "finance");
}

static void
test_format_characters (void)
{
  assert_key ("evac\xc2\xad" "uation", AR, "evacuation");                  /* soft hyphen */
  assert_key ("\xe2\x80\x8f" "مرافقة\xe2\x80\x8c", AR, "مرافقه");      /* RLM, ZWNJ */
}

/* French elision: one test per article. */

static void
test_elision_l (void)
{
  assert_key ("l'escorte", AR, "escorte");
  assert_key ("L'Escorte", AR, "escorte");
}

static void
test_elision_d (void)
{
  assert_key ("d'urgence", AR, "urgence");
}

static void
test_elision_j (void)
{
  assert_key ("j'arrive", AR, "arrive");
}

static void
test_elision_m (void)
{
  assert_key ("m'appelle", AR, "appelle");
}

static void
test_elision_n (void)
{
  assert_key ("n'est", AR, "est");
}

static void
test_elision_s (void)
{
  assert_key ("s'il", AR, "il");
}

static void
test_elision_t (void)
{
  assert_key ("t'aider", AR, "aider");
}

static void
test_elision_c (void)
{
  assert_key ("c'est", AR, "est");
}

static void
test_elision_qu (void)
{
  assert_key ("qu'il", AR, "il");
  assert_key ("jusqu'à", AR, "a");
  assert_key ("lorsqu'on", AR, "on");
  assert_key ("puisqu'elle", AR, "elle");
  assert_key ("quoiqu'il", AR, "il");
}

static void
test_elision_typographic (void)
{
  assert_key ("qu’il", AR, "il");
  assert_key ("l’évacuation", AR, "evacuation");
  assert_key ("L’ÉVACUATION", AR, "evacuation");
  assert_key ("dʼurgence", AR, "urgence");   /* U+02BC */
}

static void
test_elision_not_inside (void)
{
  /* Only a leading article goes; other apostrophes are just dropped. */
  assert_key ("aujourd'hui", AR, "aujourdhui");
  assert_key ("aujourd’hui", AR, "aujourdhui");
  assert_key ("O'Brien", AR, "obrien");
  assert_key ("driver's", AR, "driver");
  assert_key ("l'", AR, "l");
  g_assert_cmpuint (lia_text_get_elision_length ("l'", 2), ==, 0);
  g_assert_cmpuint (lia_text_get_elision_length ("l’x", strlen ("l’x")), ==, strlen ("l’"));
  g_assert_cmpuint (lia_text_get_elision_length ("la", 2), ==, 0);
}

/* Arabic */

static void
test_arabic_tashkeel (void)
{
  gunichar mark;

  /* Each of fathatan … sukun, U+064B–U+0652, inside and at the end. */
  for (mark = 0x064B; mark <= 0x0652; mark++)
    {
      g_autofree char *utf8 = g_ucs4_to_utf8 (&mark, 1, NULL, NULL, NULL);
      g_autofree char *word = g_strconcat ("ك", utf8, "تب", utf8, NULL);

      assert_key (word, AR, "كتب");
    }

  assert_key ("مُدَرِّسَةٌ", AR, "مدرسه");
  assert_key ("كتاباً", AR, "كتابا");
}

static void
test_arabic_superscript_alef (void)
{
  assert_key ("هٰذا", AR, "هذا");
  assert_key ("رحمٰن", AR, "رحمن");
}

static void
test_arabic_tatweel (void)
{
  assert_key ("مـرافـقـة", AR, "مرافقه");
  assert_key ("ســـلام", AR, "سلام");
}

static void
test_arabic_alef_hamza_above (void)
{
  assert_key ("أمن", AR, "امن");
  assert_key ("ا\xd9\x94" "من", AR, "امن");  /* decomposed: alef + U+0654 */
}

static void
test_arabic_alef_hamza_below (void)
{
  assert_key ("إغاثة", AR, "اغاثه");
}

static void
test_arabic_alef_madda (void)
{
  assert_key ("آمن", AR, "امن");
}

static void
test_arabic_alef_wasla (void)
{
  assert_key ("ٱستجابة", AR, "استجابه");
}

static void
test_arabic_ta_marbuta (void)
{
  assert_key ("منظمة", AR, "منظمه");
  assert_same_key ("منظمة", "منظمه", AR);
}

static void
test_arabic_alef_maqsura (void)
{
  assert_key ("مستشفى", AR, "مستشفي");
  assert_same_key ("على", "علي", AR);
}

static void
test_arabic_hamza_kept (void)
{
  /* Hamza on waw and yeh is spelling, not decoration. */
  assert_key ("مسؤول", AR, "مسؤول");
  assert_key ("مسو\xd9\x94ول", AR, "مسؤول");   /* decomposed */
  assert_key ("سئل", AR, "سئل");
}

static void
test_arabic_persian_letters (void)
{
  assert_key ("کتاب", AR, "كتاب");
  assert_key ("یاسمین", AR, "ياسمين");
}

static void
test_arabic_presentation_forms (void)
{
  assert_key ("ﻻ", AR, "لا");
}

static void
test_arabic_prefix_al (void)
{
  assert_key ("المرافقة", AR, "مرافقه");
  assert_key ("المُرافَقة", AR, "مرافقه");
}

static void
test_arabic_prefix_combinations (void)
{
  const char *words[] = {
    "والمرافقة", "فالمرافقة", "بالمرافقة", "كالمرافقة", "للمرافقة",
    "وبالمرافقة", "فبالمرافقة", "وكالمرافقة", "فكالمرافقة",
    "وللمرافقة", "فللمرافقة", "بِالمُرافَقَةِ",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (words); i++)
    assert_key (words[i], AR, "مرافقه");
}

static void
test_arabic_prefix_any_language (void)
{
  /* Arabic names in English or French text get the same key. */
  assert_key ("المرافقة", EN, "مرافقه");
  assert_key ("بالمرافقة", FR, "مرافقه");
}

static void
test_arabic_short_words (void)
{
  /* The article goes only when 2 letters remain. */
  assert_key ("الحق", AR, "حق");
  assert_key ("الى", AR, "الي");
  assert_key ("إلى", AR, "الي");
  assert_key ("والد", AR, "والد");
  assert_key ("بال", AR, "بال");
  assert_key ("لله", AR, "لله");
  assert_key ("ال", AR, "ال");
}

static void
test_arabic_bare_proclitics (void)
{
  /* Not cut from the key … */
  assert_key ("وصول", AR, "وصول");
  assert_key ("كتاب", AR, "كتاب");
  assert_key ("فريق", AR, "فريق");
  assert_key ("بمرافقة", AR, "بمرافقه");
  assert_key ("لجنة", AR, "لجنه");
  /* … but offered as extra forms when 3 letters remain. */
  g_assert_true (forms_contain ("بمرافقة", AR, "مرافقه"));
  g_assert_true (forms_contain ("ولجنة", AR, "لجنه"));
  g_assert_true (forms_contain ("ولجنة", AR, "جنه"));
  g_assert_true (forms_contain ("وصول", AR, "صول"));
  g_assert_false (forms_contain ("بلد", AR, "لد"));
  /* Not after an article: there the letter is the stem's. */
  g_assert_false (forms_contain ("الوصول", AR, "صول"));
}

static void
test_arabic_second_article (void)
{
  /* In التزام the ال is the stem's; after a real article it must still
   * meet the bare word. */
  assert_key ("التزام", AR, "تزام");
  assert_key ("الالتزام", AR, "التزام");
  g_assert_true (forms_contain ("الالتزام", AR, "تزام"));
}

static void
test_digits (void)
{
  assert_key ("٢٠٢٦", AR, "2026");
  assert_key ("٠١٢٣٤٥٦٧٨٩", AR, "0123456789");
  assert_key ("۱۴۰۵", AR, "1405");
  assert_key ("ق٣", AR, "ق3");
}

/* English stemming */

static void
test_english_plural (void)
{
  assert_key ("escorts", EN, "escort");
  assert_key ("boxes", EN, "box");
  assert_key ("churches", EN, "church");
  assert_key ("crashes", EN, "crash");
  assert_key ("addresses", EN, "address");
  assert_key ("ties", EN, "tie");
  assert_same_key ("buses", "bus", EN);
  assert_same_key ("taxes", "tax", EN);
  assert_same_key ("agencies", "agency", EN);
  assert_same_key ("convoys", "convoy", EN);
  assert_same_key ("routes", "route", EN);
  /* Not plurals. */
  assert_key ("status", EN, "status");
  assert_key ("crisis", EN, "crisis");
  assert_key ("access", EN, "access");
  assert_key ("gas", EN, "gas");
}

static void
test_english_ing (void)
{
  assert_key ("escorting", EN, "escort");
  assert_key ("planning", EN, "plan");
  assert_same_key ("evacuating", "evacuate", EN);
  assert_same_key ("making", "make", EN);
  assert_same_key ("studying", "study", EN);
  assert_same_key ("meetings", "meeting", EN);
  assert_key ("thing", EN, "thing");
  assert_key ("string", EN, "string");
  assert_key ("being", EN, "being");
}

static void
test_english_ed (void)
{
  assert_key ("escorted", EN, "escort");
  assert_key ("planned", EN, "plan");
  assert_key ("added", EN, "add");
  assert_key ("called", EN, "call");
  assert_same_key ("evacuated", "evacuate", EN);
  assert_same_key ("supplied", "supply", EN);
  assert_same_key ("tied", "tie", EN);
  assert_key ("need", EN, "need");
  assert_key ("proceed", EN, "proceed");
}

static void
test_english_languages (void)
{
  /* ANY stems like EN; FR and AR do not apply English rules. */
  assert_key ("escorting", ANY, "escort");
  assert_key ("escorting", FR, "escorting");
  assert_key ("escorts", AR, "escorts");
  /* Latin words not made only of a–z are left alone. */
  assert_key ("a4s", EN, "a4s");
}

/* French stemming */

static void
test_french_plural (void)
{
  assert_key ("escortes", FR, "escorte");
  assert_same_key ("évacuations", "évacuation", FR);
  assert_same_key ("réfugiés", "réfugié", FR);
  assert_same_key ("hôpitaux", "hôpital", FR);
  assert_same_key ("bateaux", "bateau", FR);
  assert_same_key ("jeux", "jeu", FR);
  assert_same_key ("genoux", "genou", FR);
  assert_key ("taux", FR, "taux");
  assert_key ("stress", FR, "stress");
  assert_key ("des", FR, "des");
}

/* Degenerate input */

static void
test_empty (void)
{
  g_auto(GStrv) forms = NULL;

  assert_key ("", EN, "");
  assert_key ("ـ", AR, "");
  assert_key ("\xd9\x8e", AR, "");                 /* a lone fatha */
  forms = lia_text_get_token_forms ("ـَـ", -1, AR, LIA_TEXT_FORMS_SURFACE);
  g_assert_nonnull (forms);
  g_assert_null (forms[0]);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *key = lia_text_normalize_token ("ab\xff" "cd", 5, EN);

  g_assert_true (g_utf8_validate (key, -1, NULL));
}

static void
test_language_codes (void)
{
  LiaTextLanguage language = LIA_TEXT_LANGUAGE_EN;

  g_assert_true (lia_text_language_from_string (NULL, &language));
  g_assert_cmpint (language, ==, ANY);
  g_assert_true (lia_text_language_from_string ("fr", &language));
  g_assert_cmpint (language, ==, FR);
  g_assert_true (lia_text_language_from_string ("ar_SY.UTF-8", &language));
  g_assert_cmpint (language, ==, AR);
  g_assert_true (lia_text_language_from_string ("EN-gb", &language));
  g_assert_cmpint (language, ==, EN);
  g_assert_true (lia_text_language_from_string ("any", &language));
  g_assert_cmpint (language, ==, ANY);
  g_assert_false (lia_text_language_from_string ("de", &language));
  g_assert_false (lia_text_language_from_string ("english", &language));
}

/* Word splitting */

static gboolean
collect_word (const char *text,
              gsize       start,
              gsize       end,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strndup (text + start, end - start));
  return TRUE;
}

static char *
split (const char *text,
       gssize      len)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  lia_text_foreach_word (text, len, collect_word, words);
  g_ptr_array_add (words, NULL);

  return g_strjoinv ("|", (char **) words->pdata);
}

static void
test_words_arabic_whole (void)
{
  g_autofree char *a = split ("المُرافَقة المسلحة، إلى المخيم.", -1);
  g_autofree char *b = split ("مـرافـقـة بِالمُرافَقَةِ", -1);

  g_assert_cmpstr (a, ==, "المُرافَقة|المسلحة|إلى|المخيم");
  g_assert_cmpstr (b, ==, "مـرافـقـة|بِالمُرافَقَةِ");
}

static void
test_words_apostrophes (void)
{
  g_autofree char *words = split ("l'escorte, 'cité' rock'n'roll l’évacuation ‘quoted’ drivers' x", -1);

  g_assert_cmpstr (words, ==, "l'escorte|cité|rock'n'roll|l’évacuation|quoted|drivers|x");
}

static void
test_words_separators (void)
{
  g_autofree char *words = split ("cessez-le-feu, 10km; UN/OCHA\tA4\n", -1);
  g_autofree char *joined = split ("a\xe2\x80\x8c" "b \xe2\x80\x8f", -1);   /* ZWNJ joins, RLM alone is nothing */
  g_autofree char *bad = split ("ab\xff" "cd\0ef", 8);

  g_assert_cmpstr (words, ==, "cessez|le|feu|10km|UN|OCHA|A4");
  g_assert_cmpstr (joined, ==, "a\xe2\x80\x8c" "b");
  g_assert_cmpstr (bad, ==, "ab|cd|ef");
}

static gboolean
stop_after_first (const char *text,
                  gsize       start,
                  gsize       end,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
  return FALSE;
}

static void
test_words_stop (void)
{
  guint count = 0;

  lia_text_foreach_word ("one two three", -1, stop_after_first, &count);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_normalize_query (void)
{
  g_autofree char *fr = lia_text_normalize_query ("L’évacuation des réfugiés — vers l'hôpital !", FR);
  g_autofree char *ar = lia_text_normalize_query ("المُرافَقة المسلحة", AR);
  g_autofree char *none = lia_text_normalize_query (" ؟ ـَ ، ", AR);

  g_assert_cmpstr (fr, ==, "evacuation des refugie ver hopital");
  g_assert_cmpstr (ar, ==, "مرافقه مسلحه");
  g_assert_cmpstr (none, ==, "");
}

/* FTS5 */

typedef struct
{
  sqlite3 *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *language = user_data;
  g_autofree char *sql = g_strdup_printf ("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'liaison %s');",
                                          language);

  fixture->db = lia_db_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_true (lia_fts_tokenizer_register (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_true (lia_db_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->db, lia_db_close);
}

static void
insert (Fixture    *fixture,
        gint64      rowid,
        const char *title,
        const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (fixture->db, "INSERT INTO t (rowid, title, body) VALUES (?1, ?2, ?3)", &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* The rowids matching query, as "1,3"; "error: …" if SQLite refused it. */
static char *
match (Fixture    *fixture,
       const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (fixture->db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", &error);
  g_autoptr(GString) rows = g_string_new (NULL);
  int rc;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (rows, "%s%" G_GINT64_FORMAT, rows->len > 0 ? "," : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    return g_strdup_printf ("error: %s", sqlite3_errmsg (fixture->db));

  return g_string_free (g_steal_pointer (&rows), FALSE);
}

/* The first row of an auxiliary-function query such as highlight(). */
static char *
aux (Fixture    *fixture,
     const char *expression,
     const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strconcat ("SELECT ", expression, " FROM t WHERE t MATCH ?1 ORDER BY rowid", NULL);
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (fixture->db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define assert_match(fixture, query, expected) G_STMT_START { \
    g_autofree char *rows_ = match ((fixture), (query)); \
    if (g_strcmp0 (rows_, (expected)) != 0) \
      g_test_message ("MATCH '%s'", (query)); \
    g_assert_cmpstr (rows_, ==, (expected)); \
  } G_STMT_END

static void
test_fts_arabic (Fixture       *fixture,
                 gconstpointer  user_data)
{
  insert (fixture, 1, "المُرافَقة المسلحة", "تُرافِق القوات القافلة إلى المخيم");
  insert (fixture, 2, "طلب", "بالمرافقة أو بدونها");
  insert (fixture, 3, "تقرير", "الوضع في المخيم هادئ");
  insert (fixture, 4, "ملاحظة", "وصلت بمرافقة مسلحة");

  /* With and without harakat, article, ta marbuta spelled ة or ه. */
  assert_match (fixture, "مرافقه", "1,2,4");
  assert_match (fixture, "مرافقة", "1,2,4");
  assert_match (fixture, "المرافقة", "1,2,4");
  assert_match (fixture, "المُرافَقة", "1,2,4");
  assert_match (fixture, "\"بالمرافقة\"", "1,2,4");
  assert_match (fixture, "المسلحه", "1,4");
  assert_match (fixture, "title : مرافقة", "1");
  assert_match (fixture, "\"المرافقة المسلحة\"", "1,4");
  assert_match (fixture, "\"المسلحة المرافقة\"", "");
  assert_match (fixture, "المخيم", "1,3");
  assert_match (fixture, "مخيم", "1,3");
  assert_match (fixture, "الى", "1");
}

static void
test_fts_french (Fixture       *fixture,
                 gconstpointer  user_data)
{
  insert (fixture, 1, "Préparer l'évacuation", "Le camp doit être évacué avant l’hiver.");
  insert (fixture, 2, "L’Œuvre d’Orient", "Une œuvre de secours.");
  insert (fixture, 3, "Les hôpitaux de campagne", "Deux HÔPITAUX mobiles.");
  insert (fixture, 4, "Évacuations", "Trois évacuations sanitaires.");

  assert_match (fixture, "evacuation", "1,4");
  assert_match (fixture, "évacuation", "1,4");
  assert_match (fixture, "\"l'évacuation\"", "1,4");
  assert_match (fixture, "\"L’EVACUATION\"", "1,4");
  assert_match (fixture, "oeuvre", "2");
  assert_match (fixture, "Œuvre", "2");
  assert_match (fixture, "hopital", "3");
  assert_match (fixture, "orient", "2");
  assert_match (fixture, "hiver", "1");
}

static void
test_fts_english (Fixture       *fixture,
                  gconstpointer  user_data)
{
  insert (fixture, 1, "Armed escorts", "Escorts for humanitarian convoys");
  insert (fixture, 2, "Escorting the convoy", "The convoy was escorted.");
  insert (fixture, 3, "No escort", "Agencies move without one.");
  insert (fixture, 4, "Last resort", "Only when no alternative exists.");

  assert_match (fixture, "escort", "1,2,3");
  assert_match (fixture, "escorts", "1,2,3");
  assert_match (fixture, "ESCORTED", "1,2,3");
  assert_match (fixture, "convoy", "1,2");
  assert_match (fixture, "agency", "3");
  assert_match (fixture, "resort", "4");
}

static void
test_fts_highlight (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *ar = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *en = NULL;
  g_autofree char *ar_title = NULL;

  insert (fixture, 1, "المُرافَقة المسلحة", "وصلت القافلة بالمُرافَقة، ثم عادت.");
  insert (fixture, 2, "Préparer l'évacuation", "Avant l’Évacuation du camp, prévenir l'OCHA.");
  insert (fixture, 3, "Escorts", "Two armed escorts were escorting the convoys.");

  /* The original words are marked, harakat, accents and case included; an
   * elided article stays outside the mark. */
  ar = aux (fixture, "highlight(t, 1, '[', ']')", "مرافقه");
  g_assert_cmpstr (ar, ==, "وصلت القافلة [بالمُرافَقة]، ثم عادت.");
  ar_title = aux (fixture, "highlight(t, 0, '[', ']')", "مرافقة");
  g_assert_cmpstr (ar_title, ==, "[المُرافَقة] المسلحة");
  fr = aux (fixture, "highlight(t, 1, '[', ']')", "evacuation");
  g_assert_cmpstr (fr, ==, "Avant l’[Évacuation] du camp, prévenir l'OCHA.");
  en = aux (fixture, "highlight(t, 1, '[', ']')", "escort");
  g_assert_cmpstr (en, ==, "Two armed [escorts] were [escorting] the convoys.");
}

static void
test_fts_snippet (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *ar = NULL;
  g_autofree char *fr = NULL;

  insert (fixture, 1, "تقرير",
          "في صباح اليوم الأول وصلت القافلة إلى المخيم بالمُرافَقة المسلحة بعد انتظار طويل عند نقطة التفتيش الثانية");
  insert (fixture, 2, "Rapport",
          "Ce matin, après une longue attente au point de contrôle, l’évacuation des blessés a commencé sous escorte.");

  ar = aux (fixture, "snippet(t, 1, '[', ']', '…', 5)", "مرافقه");
  g_assert_cmpstr (ar, ==, "…إلى المخيم [بالمُرافَقة] المسلحة بعد…");
  fr = aux (fixture, "snippet(t, 1, '[', ']', '…', 4)", "evacuation");
  g_assert_cmpstr (fr, ==, "…contrôle, l’[évacuation] des blessés…");
}

static void
test_fts_prefix (Fixture       *fixture,
                 gconstpointer  user_data)
{
  insert (fixture, 1, "Escorting the convoy", "");
  insert (fixture, 2, "L’évacuation sanitaire", "");
  insert (fixture, 3, "المُرافَقة المسلحة", "");
  insert (fixture, 4, "بمرافقة", "");

  /* Whole stems, unfinished words that the stem would not begin, and the
   * Arabic article typed as part of the prefix. */
  assert_match (fixture, "escort*", "1");
  assert_match (fixture, "escorti*", "1");
  assert_match (fixture, "escorting*", "1");
  assert_match (fixture, "ÉVAC*", "2");
  assert_match (fixture, "\"l'évac\"*", "2");
  assert_match (fixture, "مراف*", "3,4");
  assert_match (fixture, "المُراف*", "3,4");
  assert_match (fixture, "الم*", "3");
  assert_match (fixture, "بمر*", "4");
  assert_match (fixture, "ـ*", "");
}

static void
test_fts_arabic_variants (Fixture       *fixture,
                          gconstpointer  user_data)
{
  insert (fixture, 1, "الالتزام بالمبادئ", "");
  insert (fixture, 2, "التزام", "");
  insert (fixture, 3, "وصول", "");
  insert (fixture, 4, "الوصول الإنساني", "");
  insert (fixture, 5, "لجنة", "");

  assert_match (fixture, "التزام", "1,2");
  assert_match (fixture, "الالتزام", "1,2");
  assert_match (fixture, "وصول", "3,4");
  assert_match (fixture, "الوصول", "3,4");
  assert_match (fixture, "ولجنة", "5");
}

static void
test_fts_empty_query (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *nothing[] = { "", "   ", "ـ", "ـَـ", "؟ ، !", "\"", "-", "*", "( )" };
  g_autofree char *operator_alone = lia_fts_build_query ("AND", TRUE);
  guint i;

  insert (fixture, 1, "Escort", "مرافقة");

  /* Phrases that tokenise to nothing match nothing, without an error. */
  assert_match (fixture, "\"\"", "");
  assert_match (fixture, "\"ـَـ\"", "");
  assert_match (fixture, "\"؟ ، !\"", "");
  assert_match (fixture, "escort \"ـ\"", "1");

  /* lia_fts_build_query() has nothing to offer for these, rather than an
   * expression FTS5 would reject … */
  for (i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_autofree char *query = lia_fts_build_query (nothing[i], TRUE);

      g_assert_null (query);
    }

  /* … and an operator alone is a word to look for, not a syntax error. */
  g_assert_cmpstr (operator_alone, ==, "\"AND\"*");
  assert_match (fixture, operator_alone, "");
}

static void
test_fts_build_query (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *query = lia_fts_build_query ("escort* AND (NEAR \"l'évac", TRUE);
  g_autofree char *exact = lia_fts_build_query ("  convoy - escorts ", FALSE);

  insert (fixture, 1, "Escort and near l'évacuation", "");
  insert (fixture, 2, "Convoy", "no escorts");

  g_assert_cmpstr (query, ==, "\"escort\" \"AND\" \"NEAR\" \"l'évac\"*");
  g_assert_cmpstr (exact, ==, "\"convoy\" \"escorts\"");
  assert_match (fixture, query, "1");
  assert_match (fixture, exact, "2");
}

static void
test_fts_register_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = lia_db_open (":memory:", &error);

  g_assert_no_error (error);

  /* Without registration the tokenizer is unknown. */
  g_assert_false (lia_db_exec (db, "CREATE VIRTUAL TABLE a USING fts5(x, tokenize = 'liaison');", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_true (lia_fts_tokenizer_register (db, &error));
  g_assert_no_error (error);
  /* Registering twice replaces, harmlessly. */
  g_assert_true (lia_fts_tokenizer_register (db, &error));
  g_assert_no_error (error);

  g_assert_true (lia_db_exec (db, "CREATE VIRTUAL TABLE a USING fts5(x, tokenize = 'liaison');", &error));
  g_assert_no_error (error);
  g_assert_true (lia_db_exec (db, "CREATE VIRTUAL TABLE b USING fts5(x, tokenize = 'liaison fr_FR');", &error));
  g_assert_no_error (error);

  g_assert_false (lia_db_exec (db, "CREATE VIRTUAL TABLE c USING fts5(x, tokenize = 'liaison de');", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (lia_db_exec (db, "CREATE VIRTUAL TABLE d USING fts5(x, tokenize = 'liaison en fr');", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_DATABASE);
}

static void
test_fts_any_language (Fixture       *fixture,
                       gconstpointer  user_data)
{
  insert (fixture, 1, "Escorts / Escortes / مرافقة", "");
  insert (fixture, 2, "Côte d’Ivoire", "");

  assert_match (fixture, "escort", "1");
  assert_match (fixture, "المرافقة", "1");
  assert_match (fixture, "ivoire", "2");
  assert_match (fixture, "cote", "2");
}

#define add_fts_test(path, language, func) \
  g_test_add (path, Fixture, language, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize/case", test_case);
  g_test_add_func ("/normalize/accents/acute", test_accents_acute);
  g_test_add_func ("/normalize/accents/grave", test_accents_grave);
  g_test_add_func ("/normalize/accents/circumflex", test_accents_circumflex);
  g_test_add_func ("/normalize/accents/diaeresis", test_accents_diaeresis);
  g_test_add_func ("/normalize/accents/cedilla", test_accents_cedilla);
  g_test_add_func ("/normalize/accents/other-scripts", test_accents_other_scripts);
  g_test_add_func ("/normalize/ligatures", test_ligatures);
  g_test_add_func ("/normalize/format-characters", test_format_characters);
  g_test_add_func ("/normalize/elision/l", test_elision_l);
  g_test_add_func ("/normalize/elision/d", test_elision_d);
  g_test_add_func ("/normalize/elision/j", test_elision_j);
  g_test_add_func ("/normalize/elision/m", test_elision_m);
  g_test_add_func ("/normalize/elision/n", test_elision_n);
  g_test_add_func ("/normalize/elision/s", test_elision_s);
  g_test_add_func ("/normalize/elision/t", test_elision_t);
  g_test_add_func ("/normalize/elision/c", test_elision_c);
  g_test_add_func ("/normalize/elision/qu", test_elision_qu);
  g_test_add_func ("/normalize/elision/typographic", test_elision_typographic);
  g_test_add_func ("/normalize/elision/not-inside", test_elision_not_inside);
  g_test_add_func ("/normalize/arabic/tashkeel", test_arabic_tashkeel);
  g_test_add_func ("/normalize/arabic/superscript-alef", test_arabic_superscript_alef);
  g_test_add_func ("/normalize/arabic/tatweel", test_arabic_tatweel);
  g_test_add_func ("/normalize/arabic/alef-hamza-above", test_arabic_alef_hamza_above);
  g_test_add_func ("/normalize/arabic/alef-hamza-below", test_arabic_alef_hamza_below);
  g_test_add_func ("/normalize/arabic/alef-madda", test_arabic_alef_madda);
  g_test_add_func ("/normalize/arabic/alef-wasla", test_arabic_alef_wasla);
  g_test_add_func ("/normalize/arabic/ta-marbuta", test_arabic_ta_marbuta);
  g_test_add_func ("/normalize/arabic/alef-maqsura", test_arabic_alef_maqsura);
  g_test_add_func ("/normalize/arabic/hamza-kept", test_arabic_hamza_kept);
  g_test_add_func ("/normalize/arabic/persian-letters", test_arabic_persian_letters);
  g_test_add_func ("/normalize/arabic/presentation-forms", test_arabic_presentation_forms);
  g_test_add_func ("/normalize/arabic/prefix/al", test_arabic_prefix_al);
  g_test_add_func ("/normalize/arabic/prefix/combinations", test_arabic_prefix_combinations);
  g_test_add_func ("/normalize/arabic/prefix/any-language", test_arabic_prefix_any_language);
  g_test_add_func ("/normalize/arabic/prefix/short-words", test_arabic_short_words);
  g_test_add_func ("/normalize/arabic/prefix/bare-proclitics", test_arabic_bare_proclitics);
  g_test_add_func ("/normalize/arabic/prefix/second-article", test_arabic_second_article);
  g_test_add_func ("/normalize/digits", test_digits);
  g_test_add_func ("/normalize/english/plural", test_english_plural);
  g_test_add_func ("/normalize/english/ing", test_english_ing);
  g_test_add_func ("/normalize/english/ed", test_english_ed);
  g_test_add_func ("/normalize/english/languages", test_english_languages);
  g_test_add_func ("/normalize/french/plural", test_french_plural);
  g_test_add_func ("/normalize/empty", test_empty);
  g_test_add_func ("/normalize/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/normalize/language-codes", test_language_codes);
  g_test_add_func ("/normalize/query", test_normalize_query);
  g_test_add_func ("/words/arabic-whole", test_words_arabic_whole);
  g_test_add_func ("/words/apostrophes", test_words_apostrophes);
  g_test_add_func ("/words/separators", test_words_separators);
  g_test_add_func ("/words/stop", test_words_stop);

  g_test_add_func ("/fts/register-errors", test_fts_register_errors);
  add_fts_test ("/fts/arabic", "ar", test_fts_arabic);
  add_fts_test ("/fts/french", "fr", test_fts_french);
  add_fts_test ("/fts/english", "en", test_fts_english);
  add_fts_test ("/fts/highlight", "", test_fts_highlight);
  add_fts_test ("/fts/snippet", "", test_fts_snippet);
  add_fts_test ("/fts/prefix", "", test_fts_prefix);
  add_fts_test ("/fts/arabic-variants", "ar", test_fts_arabic_variants);
  add_fts_test ("/fts/empty-query", "", test_fts_empty_query);
  add_fts_test ("/fts/build-query", "en", test_fts_build_query);
  add_fts_test ("/fts/any-language", "any", test_fts_any_language);

  return g_test_run ();
}
