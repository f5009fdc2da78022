/* test-guidance-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-guidance-card.h"
#include "liaison-core.h"

static const char *good_card =
  "= Armed escorts\n"
  "> By default, humanitarian convoys move *without* armed escorts.\n"
  "# translators: keep the card ids in links\n"
  "\n"
  "== When escorts are considered\n"
  "An escort is a last resort, decided at the right level.\n"
  "It follows the [[last-resort|last resort test]].\n"
  "\n"
  "* No alternative keeps the convoy safe\n"
  "* The need is critical\n"
  "+ Record who decided and why\n"
  "- Don't accept escorts by parties to the conflict without analysis\n"
  "? Ask the OCHA CMCoord officer; see [[hns-movement]].\n"
  "@ IASC Non-Binding Guidelines on the Use of Armed Escorts, 2013\n"
  "@ UN-CMCoord Field Handbook, v2.0, 2018\n";

static void
test_card_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaGuidanceCard) card = lia_guidance_card_parse ("armed-escorts", "en", good_card, "en/armed-escorts.card", &error);
  g_auto(GStrv) links = NULL;
  g_autofree char *body = NULL;
  const LiaCardBlock *block;

  g_assert_no_error (error);
  g_assert_cmpstr (lia_guidance_card_get_title (card), ==, "Armed escorts");
  g_assert_cmpstr (lia_guidance_card_get_summary (card), ==, "By default, humanitarian convoys move *without* armed escorts.");
  g_assert_cmpstr (lia_guidance_card_get_ask (card), ==, "Ask the OCHA CMCoord officer; see [[hns-movement]].");
  g_assert_cmpuint (g_strv_length ((char **) lia_guidance_card_get_sources (card)), ==, 2);

  g_assert_cmpuint (lia_guidance_card_get_n_blocks (card), ==, 6);
  block = lia_guidance_card_get_block (card, 0);
  g_assert_cmpint (block->type, ==, LIA_CARD_BLOCK_HEADING);
  block = lia_guidance_card_get_block (card, 1);
  g_assert_cmpint (block->type, ==, LIA_CARD_BLOCK_PARAGRAPH);
  g_assert_cmpstr (block->text, ==, "An escort is a last resort, decided at the right level. It follows the [[last-resort|last resort test]].");
  g_assert_cmpint (lia_guidance_card_get_block (card, 2)->type, ==, LIA_CARD_BLOCK_BULLET);
  g_assert_cmpint (lia_guidance_card_get_block (card, 4)->type, ==, LIA_CARD_BLOCK_DO);
  g_assert_cmpint (lia_guidance_card_get_block (card, 5)->type, ==, LIA_CARD_BLOCK_DONT);

  links = lia_guidance_card_dup_links (card);
  g_assert_cmpuint (g_strv_length (links), ==, 2);
  g_assert_cmpstr (links[0], ==, "last-resort");
  g_assert_cmpstr (links[1], ==, "hns-movement");

  body = lia_guidance_card_dup_plain_body (card);
  g_assert_nonnull (strstr (body, "It follows the last resort test."));
  g_assert_null (strstr (body, "[["));
  g_assert_null (strstr (body, "*"));
}

static void
test_card_inline_plain (void)
{
  g_autofree char *a = lia_card_inline_to_plain ("Move *only* after [[hns-movement]] and [[last-resort|the test]].");
  g_autofree char *b = lia_card_inline_to_plain ("لا مرافقة *مسلحة* إلا [[last-resort|كملاذ أخير]]");

  g_assert_cmpstr (a, ==, "Move only after hns-movement and the test.");
  g_assert_cmpstr (b, ==, "لا مرافقة مسلحة إلا كملاذ أخير");
}

typedef struct
{
  const char *source;
  guint       line;
  const char *words;
} BadCard;

static void
test_card_errors (void)
{
  static const BadCard bad[] = {
    { "", 1, "empty" },
    { "Title without marker\n", 1, "title" },
    { "= T\nno summary\n", 2, "summary" },
    { "= T\n> S\n= Second title\n", 3, "only one title" },
    { "= T\n> S\n> Again\n", 3, "only one summary" },
    { "= T\n> S\n* open *emphasis\n? a\n@ s\n", 3, "emphasis" },
    { "= T\n> S\n* see [[last-resort\n? a\n@ s\n", 3, "not closed" },
    { "= T\n> S\n* see [[Last Resort]]\n? a\n@ s\n", 3, "not a card id" },
    { "= T\n> S\n* see [[last-resort|]]\n? a\n@ s\n", 3, "empty text" },
    { "= T\n> S\n== \n", 3, "no text" },
    { "= T\n> S\n? a\n? b\n@ s\n", 4, "only one" },
    { "= T\n> S\n@ s\n", 3, "when in doubt" },
    { "= T\n> S\n? a\n", 3, "source" },
    { "= T\n> S\nline one\nline two has a *broken\n\n? a\n@ s\n", 3, "emphasis" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaGuidanceCard) card = lia_guidance_card_parse ("x", "en", bad[i].source, "fr/x.card", &error);
      g_autofree char *where = g_strdup_printf ("fr/x.card:%u: ", bad[i].line);

      g_test_message ("case %u: %s", i, error ? error->message : "(parsed)");
      g_assert_null (card);
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, where));
      g_assert_nonnull (strstr (error->message, bad[i].words));
    }
}

static void
test_card_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaGuidanceCard) card = lia_guidance_card_parse ("x", "fr", "= Caf\xe9\n", "fr/x.card", &error);

  g_assert_null (card);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidance-card/parse", test_card_parse);
  g_test_add_func ("/guidance-card/inline-plain", test_card_inline_plain);
  g_test_add_func ("/guidance-card/errors", test_card_errors);
  g_test_add_func ("/guidance-card/not-utf8", test_card_not_utf8);

  return g_test_run ();
}
