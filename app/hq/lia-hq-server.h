/* lia-hq-server.h — the HTTP API of liaison-hq
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-hq-dashboard.h"
#include "lia-hq-store.h"

G_BEGIN_DECLS

/* Requests larger than this are refused before their body is kept. */
#define LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE  (8 * 1024 * 1024)
/* A connection with no traffic for this long is dropped. */
#define LIA_HQ_SERVER_DEFAULT_IDLE_TIMEOUT   60
/* Requests per minute a device may make (a minute's worth at once). */
#define LIA_HQ_SERVER_DEFAULT_RATE_LIMIT     60

#define LIA_TYPE_HQ_SERVER (lia_hq_server_get_type ())

G_DECLARE_FINAL_TYPE (LiaHqServer, lia_hq_server, LIA, HQ_SERVER, GObject)

LiaHqServer *lia_hq_server_new               (LiaHqStore      *store);
LiaHqStore  *lia_hq_server_get_store         (LiaHqServer     *self);
LiaHqDashboard *lia_hq_server_get_dashboard  (LiaHqServer     *self);
guint64      lia_hq_server_get_max_body_size (LiaHqServer     *self);
void         lia_hq_server_set_max_body_size (LiaHqServer     *self,
                                              guint64          max_body_size);
guint        lia_hq_server_get_idle_timeout  (LiaHqServer     *self);
void         lia_hq_server_set_idle_timeout  (LiaHqServer     *self,
                                              guint            idle_timeout);
guint        lia_hq_server_get_rate_limit    (LiaHqServer     *self);
void         lia_hq_server_set_rate_limit    (LiaHqServer     *self,
                                              guint            per_minute);
void         lia_hq_server_set_tls_certificate (LiaHqServer   *self,
                                              GTlsCertificate *certificate);
gboolean     lia_hq_server_listen            (LiaHqServer     *self,
                                              GInetAddress    *address,
                                              guint            port,
                                              GError         **error);
char        *lia_hq_server_dup_uri           (LiaHqServer     *self);
void         lia_hq_server_disconnect        (LiaHqServer     *self);

G_END_DECLS
