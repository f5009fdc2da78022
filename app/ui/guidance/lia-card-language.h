/* lia-card-language.h — what a guidance card says around its content, in
 * the card's own language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LIA_CARD_LABEL_IN_SHORT,
  LIA_CARD_LABEL_DO,
  LIA_CARD_LABEL_DONT,
  LIA_CARD_LABEL_ASK,
  LIA_CARD_LABEL_SOURCES,
  LIA_CARD_LABEL_LAST_UPDATED,
  LIA_CARD_LABEL_DRAFT,
  LIA_CARD_LABEL_RELATED,
  LIA_CARD_N_LABELS
} LiaCardLabel;

guint             lia_card_language_get_position      (const char *lang);
const char       *lia_card_language_from_position     (guint       position);
const char       *lia_card_language_get_name          (const char *lang);
GtkTextDirection  lia_card_language_get_direction     (const char *lang);
const char       *lia_card_language_get_label         (const char *lang,
                                                       LiaCardLabel label);
const char       *lia_card_language_get_category_name (const char *lang,
                                                       const char *category);
guint             lia_card_language_get_category_position (const char *category);
char             *lia_card_language_format_date       (const char *lang,
                                                       const char *iso_date);
const char       *lia_card_language_get_default       (GSettings  *settings);
void              lia_card_language_apply             (GtkWidget  *widget,
                                                       const char *lang);

G_END_DECLS
