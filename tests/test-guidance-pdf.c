/* test-guidance-pdf.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-util.h"

#include <string.h>

#include "lia-guidance-pdf-private.h"
#include "liaison-core.h"

#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

/* Built once from data/guidance, so this test needs no CLI. */
static char *tmp_dir;
static LiaGuidancePack *pack;

static LiaGuidanceEntry *
entry_new (const char *id,
           const char *lang,
           const char *status)
{
  LiaGuidanceEntry *entry = g_new0 (LiaGuidanceEntry, 1);

  entry->id = g_strdup (id);
  entry->lang = g_strdup (lang);
  entry->status = g_strdup (status);
  entry->updated = g_strdup ("2026-11-29");
  return entry;
}

static char *
read_pdf (const char *path,
          gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  return contents;
}

/* A PDF holds binary streams with NULs in them: no strstr(). */
static const char *
find_bytes (const char *pdf,
            gsize       length,
            const char *from,
            const char *text)
{
  gsize n = strlen (text);

  for (const char *p = from; p + n <= pdf + length; p++)
    if (memcmp (p, text, n) == 0)
      return p;

  return NULL;
}

/* Page objects, not the page tree ("/Type /Pages"). */
static guint
count_pages (const char *pdf,
             gsize       length)
{
  static const char needle[] = "/Type /Page";
  guint pages = 0;

  for (const char *p = pdf; (p = find_bytes (pdf, length, p, needle)) != NULL; p++)
    if (p[strlen (needle)] != 's')
      pages++;

  return pages;
}

static gboolean
pdf_contains (const char *pdf,
              gsize       length,
              const char *text)
{
  return find_bytes (pdf, length, pdf, text) != NULL;
}

static char *
pdf_to_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;

  g_spawn_sync (NULL, (char *[]) { program, (char *) path, (char *) "-", NULL }, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
export_card (const char *id,
             const char *lang)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaGuidanceCard) card = lia_guidance_pack_load_card (pack, id, lang, &error);
  g_autoptr(LiaGuidanceEntry) entry = lia_guidance_pack_get_entry (pack, id, lang, &error);
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", id, lang);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (lia_guidance_export_pdf (card, entry, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_pdf_every_card (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lia_guidance_pack_list (pack, NULL, &error);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  const LiaGuidanceEntry *tightest = NULL;
  g_autoptr(LiaGuidanceCard) tight_card = NULL;
  double smallest = G_MAXDOUBLE;
  gint64 elapsed = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 60);

  for (guint i = 0; i < entries->len; i++)
    {
      const LiaGuidanceEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(LiaGuidanceCard) card = lia_guidance_pack_load_card (pack, entry->id, entry->lang, &error);
      g_autofree char *name = g_strdup_printf ("%s-%s.pdf", entry->id, entry->lang);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_autofree char *pdf = NULL;
      gint64 start = g_get_monotonic_time ();
      double size = 0;
      gsize length;

      g_assert_no_error (error);
      g_assert_true (lia_guidance_pdf_export (card, entry, path, &size, &error));
      g_assert_no_error (error);
      elapsed += g_get_monotonic_time () - start;
      g_test_message ("%s/%s: %.2f pt", entry->lang, entry->id, size);
      if (size < smallest)
        {
          smallest = size;
          tightest = entry;
        }

      pdf = read_pdf (path, &length);
      g_assert_cmpuint (count_pages (pdf, length), ==, 1);
      g_assert_true (pdf_contains (pdf, length, "/MediaBox [ 0 0 595.276 841.89 ]"));
    }

  g_test_message ("%u cards exported in %.2f s; smallest type %.2f pt (%s/%s)",
                  entries->len, elapsed / (double) G_USEC_PER_SEC, smallest,
                  tightest->lang, tightest->id);

  /* A print dialog may well ask for US Letter, shorter than A4: the card
   * that fills A4 the most must still fit. */
  tight_card = lia_guidance_pack_load_card (pack, tightest->id, tightest->lang, &error);
  g_assert_no_error (error);
  g_assert_true (lia_guidance_render_page (tight_card, tightest, cr, 612, 792, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_clear_pointer (&cr, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);
}

static void
test_pdf_too_long (void)
{
  g_autoptr(GString) source = g_string_new ("= A card that goes on\n> Far too long for a page.\n");
  g_autoptr(LiaGuidanceCard) card = NULL;
  g_autoptr(LiaGuidanceEntry) entry = entry_new ("too-long", "en", "source");
  g_autofree char *path = g_build_filename (tmp_dir, "too-long.pdf", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (source, "\nParagraph %u says one more thing the officer must remember before the meeting.\n", i);
  g_string_append (source, "? Ask someone.\n@ Nobody, 2026\n");
  card = lia_guidance_card_parse ("too-long", "en", source->str, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (lia_guidance_export_pdf (card, entry, path, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "A card that goes on"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (lia_guidance_render_page (card, entry, cr, A4_WIDTH, A4_HEIGHT, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);

  g_clear_pointer (&cr, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);
}

static void
test_pdf_arabic (void)
{
  g_autofree char *path = export_card ("armed-escorts", "ar");
  g_autoptr(LiaGuidanceCard) card = lia_guidance_pack_load_card (pack, "armed-escorts", "ar", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = lia_guidance_pdf_create_context (cr, "ar");
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) latin_first = NULL;
  g_autoptr(PangoLayout) bare_id = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *pdf = NULL;
  PangoLayoutRun *run;
  PangoRectangle logical;
  gsize length;

  /* The glyphs are embedded, from a Noto font that has them. */
  pdf = read_pdf (path, &length);
  g_assert_cmpuint (count_pages (pdf, length), ==, 1);
  g_assert_true (pdf_contains (pdf, length, "/FontFile"));
  g_assert_true (pdf_contains (pdf, length, "NotoNaskhArabic"));

  title = lia_guidance_pdf_create_layout (context, lia_guidance_card_get_title (card), 20,
                                          PANGO_WEIGHT_BOLD, 400);
  g_assert_cmpint (pango_layout_get_direction (title, 0), ==, PANGO_DIRECTION_RTL);
  g_assert_cmpint (pango_layout_line_get_resolved_direction (pango_layout_get_line_readonly (title, 0)),
                   ==, PANGO_DIRECTION_RTL);

  /* Set in Noto Naskh Arabic, flush with the right edge. */
  run = pango_layout_get_line_readonly (title, 0)->runs->data;
  font = pango_font_describe (run->item->analysis.font);
  g_assert_cmpstr (pango_font_description_get_family (font), ==, "Noto Naskh Arabic");
  pango_layout_get_extents (title, NULL, &logical);
  g_assert_cmpint (logical.x, >, 0);
  g_assert_cmpfloat_with_epsilon ((double) (logical.x + logical.width) / PANGO_SCALE, 400, 0.5);

  /* A paragraph that opens with a Latin name is still a right-to-left one. */
  latin_first = lia_guidance_pdf_create_layout (context, "OCHA هو *المسؤول* عن [[last-resort|التنسيق]].",
                                                10, PANGO_WEIGHT_NORMAL, 400);
  g_assert_cmpint (pango_layout_get_direction (latin_first, 0), ==, PANGO_DIRECTION_LTR);
  g_assert_cmpint (pango_layout_line_get_resolved_direction (pango_layout_get_line_readonly (latin_first, 0)),
                   ==, PANGO_DIRECTION_RTL);
  g_assert_null (strstr (pango_layout_get_text (latin_first), "[["));

  /* A bare card id stays one left-to-right word: isolated, unbreakable. */
  bare_id = lia_guidance_pdf_create_layout (context, "انظر [[last-resort]].", 10, PANGO_WEIGHT_NORMAL, 400);
  g_assert_nonnull (strstr (pango_layout_get_text (bare_id), "\u2066last-\u2060resort\u2069"));

  g_clear_object (&context);
  g_clear_pointer (&cr, cairo_destroy);
  g_clear_pointer (&surface, cairo_surface_destroy);
}

static void
test_pdf_labels (void)
{
  g_autofree char *fr_path = export_card ("armed-escorts", "fr");
  g_autofree char *en_path = export_card ("armed-escorts", "en");
  g_autofree char *fr = pdf_to_text (fr_path);
  g_autofree char *en = NULL;

  if (fr == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  /* The labels follow the card's language, and a draft says so. */
  g_assert_nonnull (strstr (fr, "En bref"));
  g_assert_nonnull (strstr (fr, "À faire"));
  g_assert_nonnull (strstr (fr, "À éviter"));
  g_assert_nonnull (strstr (fr, "En cas de doute, demandez"));
  g_assert_nonnull (strstr (fr, "Mis à jour le"));
  g_assert_nonnull (strstr (fr, "Traduction provisoire — non relue"));
  g_assert_null (strstr (fr, "In short"));

  en = pdf_to_text (en_path);
  g_assert_nonnull (strstr (en, "In short"));
  g_assert_nonnull (strstr (en, "When in doubt, ask"));
  g_assert_nonnull (strstr (en, "armed-escorts"));
  g_assert_null (strstr (en, "Draft translation"));
  /* Links print as their text. */
  g_assert_nonnull (strstr (en, "notify"));
  g_assert_null (strstr (en, "hns-movement"));
  g_assert_null (strstr (en, "[["));
}

static void
test_pdf_markup_is_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaGuidanceCard) card = lia_guidance_card_parse ("fuel", "en",
    "= Fuel & water <for> \"all\"\n> Share *fuel & water* <b>fairly</b>; see [[last-resort|a < b]].\n"
    "+ Keep 5 > 3 & say so\n? Ask <someone>.\n@ Notes & queries, 2026\n", NULL, &error);
  g_autoptr(LiaGuidanceEntry) entry = entry_new ("fuel", "en", "draft");
  g_autofree char *path = g_build_filename (tmp_dir, "fuel.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (lia_guidance_export_pdf (card, entry, path, &error));
  g_assert_no_error (error);

  if ((text = pdf_to_text (path)) == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Fuel & water <for> \"all\""));
  g_assert_nonnull (strstr (text, "<b>fairly</b>"));
  g_assert_nonnull (strstr (text, "a < b"));
  g_assert_nonnull (strstr (text, "Draft translation — not reviewed"));
}

static void
test_pdf_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaGuidanceCard) card = lia_guidance_pack_load_card (pack, "last-resort", "en", &error);
  g_autoptr(LiaGuidanceEntry) entry = lia_guidance_pack_get_entry (pack, "last-resort", "en", &error);
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "card.pdf", NULL);

  g_assert_no_error (error);
  g_assert_false (lia_guidance_export_pdf (card, entry, path, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *pack_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("liaison-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  source = g_build_filename (g_getenv ("LIAISON_SOURCE_ROOT"), "data", "guidance", NULL);
  pack_path = g_build_filename (tmp_dir, "guidance.pack", NULL);
  g_assert_true (lia_guidance_pack_build (source, pack_path, &error));
  g_assert_no_error (error);
  pack = lia_guidance_pack_open (pack_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/guidance-pdf/every-card", test_pdf_every_card);
  g_test_add_func ("/guidance-pdf/too-long", test_pdf_too_long);
  g_test_add_func ("/guidance-pdf/arabic", test_pdf_arabic);
  g_test_add_func ("/guidance-pdf/labels", test_pdf_labels);
  g_test_add_func ("/guidance-pdf/markup-is-text", test_pdf_markup_is_text);
  g_test_add_func ("/guidance-pdf/unwritable", test_pdf_unwritable);

  status = g_test_run ();

  g_clear_object (&pack);
  /* LIAISON_KEEP_PDF=1 keeps the PDFs, to look at them. */
  if (g_getenv ("LIAISON_KEEP_PDF") == NULL)
    lia_test_remove_tree (tmp_dir);
  else
    g_printerr ("# PDFs kept in %s\n", tmp_dir);
  g_free (tmp_dir);
  return status;
}
