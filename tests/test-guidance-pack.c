/* test-guidance-pack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-util.h"

#include <glib/gstdio.h>

#include "lia-db.h"
#include "lia-guidance-pack.h"
#include "liaison-core.h"

typedef struct
{
  char *dir;
  char *src;
  char *pack;
} Fixture;

static const char *card_text[][3] = {
  /* id, lang, source */
  { "armed-escorts", "en",
    "= Armed escorts\n> Convoys move without armed escorts unless there is no other way.\n"
    "== The rule\nEscorts are a *last resort*; see [[last-resort]].\n"
    "+ Record who decided\n- Don't let an escort become routine\n"
    "? Ask the CMCoord officer.\n@ IASC guidelines on armed escorts, 2013\n" },
  { "armed-escorts", "fr",
    "= Escortes armées\n> Les convois circulent sans escorte armée sauf s'il n'y a pas d'autre moyen.\n"
    "== La règle\nL'escorte est un *dernier recours* ; voir [[last-resort|le dernier recours]].\n"
    "? Demandez au chargé CMCoord.\n@ Directives du CPI sur les escortes armées, 2013\n" },
  { "armed-escorts", "ar",
    "= المرافقة المسلحة\n> تتحرك القوافل دون مرافقة مسلحة ما لم يكن هناك بديل.\n"
    "== القاعدة\nالمُرافَقة المسلّحة هي *الملاذ الأخير*؛ انظر [[last-resort|الملاذ الأخير]].\n"
    "? اسأل موظف التنسيق المدني العسكري.\n@ المبادئ التوجيهية للجنة الدائمة المشتركة بين الوكالات، 2013\n" },
  { "last-resort", "en",
    "= Last resort\n> Military assets are used only when no civilian alternative exists.\n"
    "* Unique capability\n* Critical need\n? Ask the Humanitarian Coordinator.\n@ Oslo Guidelines, rev. 1.1, 2007\n" },
  { "last-resort", "fr",
    "= Dernier recours\n> Les moyens militaires ne servent que sans alternative civile.\n"
    "* Capacité unique\n* Besoin critique : l'évacuation\n? Demandez au Coordonnateur humanitaire.\n@ Directives d'Oslo, rév. 1.1, 2007\n" },
  { "last-resort", "ar",
    "= الملاذ الأخير\n> لا تستخدم الأصول العسكرية إلا في غياب بديل مدني.\n"
    "* قدرة فريدة\n* حاجة حرجة\n? اسأل منسق الشؤون الإنسانية.\n@ مبادئ أوسلو التوجيهية، 2007\n" },
};

static const char manifest_text[] =
  "[pack]\ncontent-version=%d\n\n"
  "[armed-escorts]\ncategory=security\ntags=convoy;escort\nversion=1\nupdated=2026-11-29\n"
  "status-en=source\nstatus-fr=draft\nstatus-ar=draft\n\n"
  "[last-resort]\ncategory=military-assets\ntags=oslo;assets\nversion=2\nupdated=2026-10-01\n"
  "status-en=source\nstatus-fr=reviewed\nstatus-ar=draft\n";

static void
write_file (const char *dir,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
write_manifest (Fixture *f,
                int      content_version)
{
  g_autofree char *text = g_strdup_printf (manifest_text, content_version);

  write_file (f->src, "manifest.ini", text);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-pack-XXXXXX", NULL);
  f->src = g_build_filename (f->dir, "src", NULL);
  f->pack = g_build_filename (f->dir, "out.pack", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (card_text); i++)
    {
      g_autofree char *relative = g_strdup_printf ("%s/%s.card", card_text[i][1], card_text[i][0]);

      write_file (f->src, relative, card_text[i][2]);
    }
  write_manifest (f, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->src);
  g_free (f->pack);
}

static LiaGuidancePack *
build_and_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LiaGuidancePack *pack;

  g_assert_true (lia_guidance_pack_build (f->src, f->pack, &error));
  g_assert_no_error (error);
  pack = lia_guidance_pack_open (f->pack, &error);
  g_assert_no_error (error);
  return pack;
}

static void
test_pack_build_and_read (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LiaGuidancePack) pack = build_and_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) fr = NULL;
  g_autoptr(LiaGuidanceEntry) entry = NULL;
  g_autoptr(LiaGuidanceCard) card = NULL;
  g_autofree char *tmp = g_strconcat (f->pack, ".tmp", NULL);
  g_autofree char *first_checksum = NULL;
  g_autoptr(LiaGuidancePack) again = NULL;

  g_assert_cmpint (lia_guidance_pack_get_content_version (pack), ==, 1);
  g_assert_cmpuint (strlen (lia_guidance_pack_get_checksum (pack)), ==, 64);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));

  all = lia_guidance_pack_list (pack, NULL, &error);
  fr = lia_guidance_pack_list (pack, "fr", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);
  g_assert_cmpuint (fr->len, ==, 2);

  entry = lia_guidance_pack_get_entry (pack, "last-resort", "fr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->title, ==, "Dernier recours");
  g_assert_cmpstr (entry->category, ==, "military-assets");
  g_assert_cmpstr (entry->status, ==, "reviewed");
  g_assert_cmpstr (entry->updated, ==, "2026-10-01");

  card = lia_guidance_pack_load_card (pack, "armed-escorts", "ar", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lia_guidance_card_get_title (card), ==, "المرافقة المسلحة");
  g_clear_object (&card);

  /* A bare link reads as the linked card's title in the same language. */
  card = lia_guidance_pack_load_card (pack, "armed-escorts", "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lia_guidance_card_get_block (card, 1)->text, ==,
                   "Escorts are a *last resort*; see [[last-resort|Last resort]].");

  g_clear_object (&card);
  card = lia_guidance_pack_load_card (pack, "armed-escorts", "de", &error);
  g_assert_null (card);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);

  /* The same sources give the same pack checksum. */
  first_checksum = g_strdup (lia_guidance_pack_get_checksum (pack));
  g_clear_object (&pack);
  again = build_and_open (f);
  g_assert_cmpstr (lia_guidance_pack_get_checksum (again), ==, first_checksum);
}

typedef struct
{
  const char *file;
  const char *contents;
  const char *expect;
} Breakage;

static void
test_pack_build_errors (Fixture       *f,
                        gconstpointer  data)
{
  static const Breakage breakages[] = {
    { "fr/last-resort.card", "= Dernier recours\n> Résumé\n* *ouvert\n? a\n@ s\n", "fr/last-resort.card:3:" },
    { "ar/last-resort.card", "= t\n> s\n* [[no-such-card]]\n? a\n@ s\n", "ar/last-resort.card: links to “no-such-card”" },
    { "en/orphan.card", "= Orphan\n> s\n? a\n@ s\n", "en/orphan.card: this card is not listed" },
    { "manifest.ini", "[pack]\ncontent-version=1\n[x]\ncategory=weather\n", "manifest.ini [x]" },
    { "manifest.ini", "[pack]\ncontent-version=0\n", "content-version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->src, breakages[i].file, NULL);
      g_autofree char *saved = NULL;

      /* A good pack already exists: a failed build must leave it alone. */
      g_assert_true (lia_guidance_pack_build (f->src, f->pack, NULL));

      g_file_get_contents (path, &saved, NULL, NULL);
      write_file (f->src, breakages[i].file, breakages[i].contents);

      g_assert_false (lia_guidance_pack_build (f->src, f->pack, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, breakages[i].expect));

      {
        g_autoptr(LiaGuidancePack) still = lia_guidance_pack_open (f->pack, NULL);
        g_assert_nonnull (still);
      }

      if (saved != NULL)
        write_file (f->src, breakages[i].file, saved);
      else
        g_unlink (path);
    }

  /* A card missing in one language. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (f->src, "ar", "armed-escorts.card", NULL);

    g_unlink (path);
    g_assert_false (lia_guidance_pack_build (f->src, f->pack, &error));
    g_assert_nonnull (strstr (error->message, "ar/armed-escorts.card: missing"));
  }
}

static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_pack_open_rejects (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaGuidancePack) pack = NULL;
  g_autofree char *junk = g_build_filename (f->dir, "junk.pack", NULL);

  g_assert_true (lia_guidance_pack_build (f->src, f->pack, NULL));
  tamper (f->pack, "UPDATE cards SET title = 'Escorts are fine' WHERE id = 'armed-escorts' AND lang = 'en'");
  pack = lia_guidance_pack_open (f->pack, &error);
  g_assert_null (pack);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);

  g_assert_true (lia_guidance_pack_build (f->src, f->pack, NULL));
  tamper (f->pack, "UPDATE pack SET value = '99' WHERE key = 'format'");
  pack = lia_guidance_pack_open (f->pack, &error);
  g_assert_null (pack);
  g_assert_nonnull (strstr (error->message, "another version of Liaison"));
  g_clear_error (&error);

  g_file_set_contents (junk, "this is not a pack", -1, NULL);
  pack = lia_guidance_pack_open (junk, &error);
  g_assert_null (pack);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
}

static void
test_pack_install (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (f->dir, "data", NULL);
  g_autofree char *installed_path = g_build_filename (data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);
  g_autofree char *v2 = g_build_filename (f->dir, "v2.pack", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.pack", NULL);
  g_autofree char *staging = NULL;
  g_autoptr(LiaGuidancePack) installed = NULL;

  g_assert_true (lia_guidance_pack_build (f->src, f->pack, NULL));
  g_assert_true (lia_guidance_pack_install (f->pack, data_dir, &error));
  g_assert_no_error (error);
  installed = lia_guidance_pack_open (installed_path, &error);
  g_assert_cmpint (lia_guidance_pack_get_content_version (installed), ==, 1);
  g_clear_object (&installed);

  /* The same version again is refused. */
  g_assert_false (lia_guidance_pack_install (f->pack, data_dir, &error));
  g_assert_nonnull (strstr (error->message, "not newer"));
  g_clear_error (&error);

  /* A damaged newer pack is refused and the installed one kept. */
  write_manifest (f, 2);
  g_assert_true (lia_guidance_pack_build (f->src, bad, NULL));
  tamper (bad, "DELETE FROM cards WHERE lang = 'ar'");
  g_assert_false (lia_guidance_pack_install (bad, data_dir, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  installed = lia_guidance_pack_open (installed_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_guidance_pack_get_content_version (installed), ==, 1);
  g_clear_object (&installed);

  /* A good newer pack replaces it, leaving no staging file behind. */
  g_assert_true (lia_guidance_pack_build (f->src, v2, NULL));
  g_assert_true (lia_guidance_pack_install (v2, data_dir, &error));
  g_assert_no_error (error);
  installed = lia_guidance_pack_open (installed_path, &error);
  g_assert_cmpint (lia_guidance_pack_get_content_version (installed), ==, 2);
  staging = g_strconcat (installed_path, ".new", NULL);
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
}

static void
test_pack_open_best (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (f->dir, "data", NULL);
  g_autofree char *bundled = g_build_filename (f->dir, "bundled.pack", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.pack", NULL);
  g_autofree char *installed_path = g_build_filename (data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);
  g_autoptr(LiaGuidancePack) pack = NULL;

  g_setenv ("LIAISON_GUIDANCE_PACK", bundled, TRUE);

  /* Nothing at all: a clear error. */
  pack = lia_guidance_pack_open_best (data_dir, &error);
  g_assert_null (pack);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Only the bundled pack. */
  write_manifest (f, 3);
  g_assert_true (lia_guidance_pack_build (f->src, bundled, NULL));
  pack = lia_guidance_pack_open_best (data_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_guidance_pack_get_content_version (pack), ==, 3);
  g_clear_object (&pack);

  /* A newer installed pack wins… */
  write_manifest (f, 4);
  g_assert_true (lia_guidance_pack_build (f->src, newer, NULL));
  g_assert_true (lia_guidance_pack_install (newer, data_dir, &error));
  pack = lia_guidance_pack_open_best (data_dir, &error);
  g_assert_cmpint (lia_guidance_pack_get_content_version (pack), ==, 4);
  g_assert_cmpstr (lia_guidance_pack_get_path (pack), ==, installed_path);
  g_clear_object (&pack);

  /* …unless it is damaged: guidance stays readable from the bundled one. */
  tamper (installed_path, "UPDATE cards SET summary = 'x'");
  pack = lia_guidance_pack_open_best (data_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_guidance_pack_get_content_version (pack), ==, 3);

  g_unsetenv ("LIAISON_GUIDANCE_PACK");
}

static void
test_pack_search (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LiaGuidancePack) pack = build_and_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  LiaGuidanceEntry *top;

  /* Arabic without diacritics finds the card written with them. */
  hits = lia_guidance_pack_search (pack, "مرافقة", "ar", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);
  top = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (top->id, ==, "armed-escorts");
  g_assert_cmpstr (top->lang, ==, "ar");
  g_assert_nonnull (strstr (top->snippet, "\x01"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* French without accents, across all languages. */
  hits = lia_guidance_pack_search (pack, "evacuation", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  top = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (top->id, ==, "last-resort");
  g_assert_cmpstr (top->lang, ==, "fr");
  g_assert_cmpfloat (top->score, >, 0.0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* As-you-type: the last word is a prefix. */
  hits = lia_guidance_pack_search (pack, "escor", "en", 10, &error);
  g_assert_cmpuint (hits->len, >=, 1);
  g_assert_cmpstr (((LiaGuidanceEntry *) g_ptr_array_index (hits, 0))->id, ==, "armed-escorts");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A question in plain words: no card has every word, the best ones come. */
  hits = lia_guidance_pack_search (pack, "when to use escorts", "en", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);
  g_assert_cmpstr (((LiaGuidanceEntry *) g_ptr_array_index (hits, 0))->id, ==, "armed-escorts");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* FTS5 syntax in the input is just text, and empty input finds nothing. */
  hits = lia_guidance_pack_search (pack, "\"escort\" OR NEAR(", NULL, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = lia_guidance_pack_search (pack, "   ", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = lia_guidance_pack_search (pack, "escort", "de", 10, &error);
  g_assert_null (hits);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/guidance-pack/build-and-read", test_pack_build_and_read);
  ADD ("/guidance-pack/build-errors", test_pack_build_errors);
  ADD ("/guidance-pack/open-rejects", test_pack_open_rejects);
  ADD ("/guidance-pack/install", test_pack_install);
  ADD ("/guidance-pack/open-best", test_pack_open_best);
  ADD ("/guidance-pack/search", test_pack_search);

#undef ADD

  return g_test_run ();
}
