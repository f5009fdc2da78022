/* lia-test-ui.h — what the UI tests share: one application, real windows,
 * a main loop to spin, widgets to find and pictures to take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lia-application.h"
#include "lia-lock-screen.h"
#include "lia-window.h"

G_BEGIN_DECLS

/* Spins the main loop until @condition holds; fails after ten seconds. */
#define LIA_TEST_SPIN_UNTIL(condition)                                         \
  G_STMT_START {                                                               \
    gint64 deadline_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;          \
    guint wake_id_ = g_timeout_add (10, lia_test_ui_wake_cb, NULL);            \
    while (!(condition))                                                       \
      {                                                                        \
        if (g_get_monotonic_time () > deadline_)                               \
          g_error ("Timed out waiting for %s", #condition);                    \
        g_main_context_iteration (NULL, TRUE);                                 \
      }                                                                        \
    g_source_remove (wake_id_);                                                \
  } G_STMT_END

typedef gboolean (*LiaTestWidgetPredicate) (GtkWidget     *widget,
                                            gconstpointer  data);

gboolean        lia_test_ui_wake_cb              (gpointer                data);
void            lia_test_ui_spin_pending         (void);
LiaApplication *lia_test_ui_get_app              (void);
void            lia_test_ui_release_app          (void);
LiaWindow      *lia_test_ui_open_window          (void);
LiaLockScreen  *lia_test_ui_get_lock_screen      (LiaWindow              *window);
void            lia_test_ui_submit_passphrase    (LiaWindow              *window,
                                                  const char             *passphrase);
void            lia_test_ui_unlock               (LiaWindow              *window);
void            lia_test_ui_close_window         (LiaWindow              *window);
gboolean        lia_test_ui_has_size             (LiaWindow              *window,
                                                  int                     width,
                                                  int                     height);
void            lia_test_ui_resize               (LiaWindow              *window,
                                                  int                     width,
                                                  int                     height);
GtkWidget      *lia_test_ui_find                 (GtkWidget              *root,
                                                  LiaTestWidgetPredicate  predicate,
                                                  gconstpointer           data);
gboolean        lia_test_ui_is_of_type           (GtkWidget              *widget,
                                                  gconstpointer           data);
gboolean        lia_test_ui_is_visible_error     (GtkWidget              *widget,
                                                  gconstpointer           data);
gboolean        lia_test_ui_is_button_for_action (GtkWidget              *widget,
                                                  gconstpointer           data);
GtkWidget      *lia_test_ui_find_type            (GtkWidget              *root,
                                                  GType                   type);
GtkShortcut    *lia_test_ui_find_shortcut        (GtkWidget              *widget,
                                                  const char             *trigger);
void            lia_test_ui_render               (GtkWidget              *window,
                                                  const char             *name);

G_END_DECLS
