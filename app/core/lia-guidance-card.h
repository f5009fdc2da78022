/* lia-guidance-card.h — one guidance card in one language, parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LIA_CARD_BLOCK_HEADING,
  LIA_CARD_BLOCK_PARAGRAPH,
  LIA_CARD_BLOCK_BULLET,
  LIA_CARD_BLOCK_DO,
  LIA_CARD_BLOCK_DONT,
} LiaCardBlockType;

typedef struct
{
  LiaCardBlockType  type;
  char             *text;   /* inline markup: *emphasis*, [[id]], [[id|text]] */
} LiaCardBlock;

#define LIA_TYPE_GUIDANCE_CARD (lia_guidance_card_get_type ())

G_DECLARE_FINAL_TYPE (LiaGuidanceCard, lia_guidance_card, LIA, GUIDANCE_CARD, GObject)

LiaGuidanceCard    *lia_guidance_card_parse        (const char       *id,
                                                    const char       *lang,
                                                    const char       *source,
                                                    const char       *filename,
                                                    GError          **error);
const char         *lia_guidance_card_get_id       (LiaGuidanceCard  *self);
const char         *lia_guidance_card_get_lang     (LiaGuidanceCard  *self);
const char         *lia_guidance_card_get_title    (LiaGuidanceCard  *self);
const char         *lia_guidance_card_get_summary  (LiaGuidanceCard  *self);
const char         *lia_guidance_card_get_ask      (LiaGuidanceCard  *self);
const char * const *lia_guidance_card_get_sources  (LiaGuidanceCard  *self);
guint               lia_guidance_card_get_n_blocks (LiaGuidanceCard  *self);
const LiaCardBlock *lia_guidance_card_get_block    (LiaGuidanceCard  *self,
                                                    guint             position);
char              **lia_guidance_card_dup_links    (LiaGuidanceCard  *self);
char               *lia_guidance_card_dup_plain_body (LiaGuidanceCard *self);

char               *lia_card_inline_to_plain       (const char       *text);

G_END_DECLS
