/* lia-notification-detail.h — one notification or incident: its fields,
 * its lifecycle, its log with each party, its package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_NOTIFICATION_DETAIL (lia_notification_detail_get_type ())

G_DECLARE_FINAL_TYPE (LiaNotificationDetail, lia_notification_detail, LIA, NOTIFICATION_DETAIL, AdwBin)

/* Emits "edit" when the person asks to change the record. */
GtkWidget  *lia_notification_detail_new         (LiaContext            *context,
                                                 LiaRecord             *record);
LiaRecord  *lia_notification_detail_get_record  (LiaNotificationDetail *self);
/* Re-reads the record and its log from the store. */
void        lia_notification_detail_reload      (LiaNotificationDetail *self);
/* The transmission log as shown, one row per entry, oldest first. */
GtkListBox *lia_notification_detail_get_log     (LiaNotificationDetail *self);
/* The last message shown in a toast, for tests and screen readers. */
const char *lia_notification_detail_get_last_toast (LiaNotificationDetail *self);

void        lia_notification_detail_export_async  (LiaNotificationDetail        *self,
                                                   const char                   *party_uuid,
                                                   const char                   *lang,
                                                   LiaNotificationExportFormat   format,
                                                   gboolean                      include_strictly_confidential,
                                                   GFile                        *file,
                                                   GCancellable                 *cancellable,
                                                   GAsyncReadyCallback           callback,
                                                   gpointer                      user_data);
gboolean    lia_notification_detail_export_finish (LiaNotificationDetail        *self,
                                                   GAsyncResult                 *result,
                                                   GError                      **error);

G_END_DECLS
