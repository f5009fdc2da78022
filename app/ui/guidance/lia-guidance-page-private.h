/* lia-guidance-page-private.h — shared by the page and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lia-guidance-card-view.h"
#include "lia-guidance-page.h"

G_BEGIN_DECLS

struct _LiaGuidancePage
{
  GtkWidget            parent_instance;

  LiaContext          *context;
  LiaGuidancePack     *pack;

  /* The open card, or NULL; the first view shows it in @language, which
   * the list follows too. */
  char                *card_id;
  const char          *language;
  const char          *second_language;

  /* The note in the editor belongs to @card_id; it is saved a moment
   * after the last change, and before another card replaces it. */
  guint                note_save_id;
  guint                note_dirty : 1;
  guint                showing_marks : 1;

  guint                side_by_side : 1;
  guint                bookmarks_only : 1;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *main_stack;
  AdwStatusPage       *missing_page;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *list_separator;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *search_language_dropdown;
  GtkStack            *list_stack;
  GtkScrolledWindow   *list_scroller;
  GtkListBox          *card_list;
  GtkWidget           *reading_pane;
  GtkDropDown         *language_dropdown;
  GtkDropDown         *second_language_dropdown;
  GtkToggleButton     *bookmark_button;
  GtkStack            *reading_stack;
  GtkScrolledWindow   *reading_scroller;
  AdwClamp            *clamp;
  LiaGuidanceCardView *first_view;
  LiaGuidanceCardView *second_view;
  GtkTextView         *note_view;
};

void _lia_guidance_page_show_toast   (LiaGuidancePage *self,
                                      const char      *message);
void _lia_guidance_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
