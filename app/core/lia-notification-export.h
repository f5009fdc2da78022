/* lia-notification-export.h — a notification package for one party
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-record.h"
#include "lia-store.h"

G_BEGIN_DECLS

typedef enum
{
  LIA_NOTIFICATION_EXPORT_PDF,
  LIA_NOTIFICATION_EXPORT_CSV,       /* HXL-tagged: a tag row under the header */
  LIA_NOTIFICATION_EXPORT_GEOJSON,
} LiaNotificationExportFormat;

gboolean lia_notification_export_format_from_string (const char                  *str,
                                                     LiaNotificationExportFormat *format);

/* Writes the package of @notification (a LiaSiteNotification or a
 * LiaMovementNotification) for @party_uuid (NULL: for any party) in
 * @lang (en, fr or ar): every field, a locator map (PDF), the reference,
 * the date of issue in the operation's time zone and the notification's
 * revision.  The PDF is A4, one or more pages.  May run in a worker
 * thread.  A strictly confidential notification is refused (nothing is
 * written) unless @include_strictly_confidential says the officer
 * confirmed it. */
gboolean lia_notification_export          (LiaStore                    *store,
                                           LiaRecord                   *notification,
                                           const char                  *party_uuid,
                                           const char                  *lang,
                                           LiaNotificationExportFormat  format,
                                           gboolean                     include_strictly_confidential,
                                           const char                  *path,
                                           GError                     **error);

/* CSV and GeoJSON as text (a PDF is not text). */
char    *lia_notification_export_to_string (LiaStore                   *store,
                                            LiaRecord                  *notification,
                                            const char                 *party_uuid,
                                            const char                 *lang,
                                            LiaNotificationExportFormat format,
                                            gboolean                    include_strictly_confidential,
                                            GError                    **error);

void     lia_notification_export_async    (LiaStore                    *store,
                                           LiaRecord                   *notification,
                                           const char                  *party_uuid,
                                           const char                  *lang,
                                           LiaNotificationExportFormat  format,
                                           gboolean                     include_strictly_confidential,
                                           const char                  *path,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data);
gboolean lia_notification_export_finish   (GAsyncResult                *result,
                                           GError                     **error);

G_END_DECLS
