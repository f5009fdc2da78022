/* lia-notifications-page.h — the Notifications page: sites, movements and
 * incidents, what is overdue, forms and details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_NOTIFICATIONS_PAGE (lia_notifications_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaNotificationsPage, lia_notifications_page, LIA, NOTIFICATIONS_PAGE, AdwBin)

void        lia_notifications_page_set_context     (LiaNotificationsPage *self,
                                                    LiaContext           *context);
/* The operation whose notifications show: the one chosen on this device,
 * else the one the device is enrolled in; NULL if neither. */
const char *lia_notifications_page_get_operation   (LiaNotificationsPage *self);
void        lia_notifications_page_popup_new_menu  (LiaNotificationsPage *self);
/* Opens the form for a new record ("site", "movement", "incident"). */
void        lia_notifications_page_new             (LiaNotificationsPage *self,
                                                    const char           *kind);
void        lia_notifications_page_show_record     (LiaNotificationsPage *self,
                                                    const char           *uuid);
/* The page's current form or detail view, or NULL. */
GtkWidget  *lia_notifications_page_get_form        (LiaNotificationsPage *self);
GtkWidget  *lia_notifications_page_get_detail      (LiaNotificationsPage *self);
GtkListBox *lia_notifications_page_get_list        (LiaNotificationsPage *self);
GtkListBox *lia_notifications_page_get_overdue_list (LiaNotificationsPage *self);
/* Computes what is overdue again, now; the page also does so on every
 * change in the store and every minute. */
void        lia_notifications_page_check_overdue   (LiaNotificationsPage *self);
/* (transfer container): the ids of the desktop notifications raised for
 * overdue items and not yet withdrawn. */
GPtrArray  *lia_notifications_page_dup_alert_ids   (LiaNotificationsPage *self);

G_END_DECLS
