/* lia-sync-transport.h — HTTPS requests to HQ, with libcurl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIA_SYNC_ERROR (lia_sync_error_quark ())

/* What went wrong talking to HQ, so that the scheduler knows whether
 * trying again later can help; the message says what a person can do. */
typedef enum
{
  LIA_SYNC_ERROR_OFFLINE,        /* HQ could not be reached: the link will come back */
  LIA_SYNC_ERROR_SECURITY,       /* HQ's certificate or pinned key did not check out */
  LIA_SYNC_ERROR_UNAUTHORIZED,   /* 401: the device's token is revoked, expired or unknown */
  LIA_SYNC_ERROR_FORBIDDEN,      /* 403: HQ refused what the device asked for */
  LIA_SYNC_ERROR_REJECTED,       /* 400: HQ could not take what the device sent */
  LIA_SYNC_ERROR_BUSY,           /* 429, 503: HQ asks to wait */
  LIA_SYNC_ERROR_SERVER,         /* HQ failed, or answered what we cannot read */
  LIA_SYNC_ERROR_NOT_ENROLLED,
  LIA_SYNC_ERROR_TOO_LARGE,      /* 413: the request is larger than HQ's body limit */
  LIA_SYNC_ERROR_NOT_FOUND,      /* 404: HQ has no such thing for this device (a blob) */
} LiaSyncError;

GQuark lia_sync_error_quark (void);

#define LIA_TYPE_SYNC_TRANSPORT (lia_sync_transport_get_type ())

G_DECLARE_FINAL_TYPE (LiaSyncTransport, lia_sync_transport, LIA, SYNC_TRANSPORT, GObject)

gboolean          lia_sync_transport_check_url (const char        *url,
                                                GError           **error);
LiaSyncTransport *lia_sync_transport_new       (const char        *base_url,
                                                const char        *pin,
                                                const char        *token,
                                                GError           **error);
GBytes           *lia_sync_transport_request   (LiaSyncTransport  *self,
                                                const char        *method,
                                                const char        *path,
                                                GBytes            *body,
                                                gboolean           gzipped,
                                                gboolean          *response_gzipped,
                                                GCancellable      *cancellable,
                                                GError           **error);
void              lia_sync_transport_get_usage (LiaSyncTransport  *self,
                                                guint64           *bytes_sent,
                                                guint64           *bytes_received,
                                                guint             *requests,
                                                guint             *connections);

G_END_DECLS
