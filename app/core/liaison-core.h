/* liaison-core.h — everything the UI, CLI, HQ and tests use from the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-acled-import.h"
#include "lia-actor.h"
#include "lia-actor-export.h"
#include "lia-actor-graph.h"
#include "lia-actor-types.h"
#include "lia-clock.h"
#include "lia-context.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-fts-tokenizer.h"
#include "lia-graph-layout.h"
#include "lia-guidance-card.h"
#include "lia-guidance-marks.h"
#include "lia-guidance-pack.h"
#include "lia-guidance-pdf.h"
#include "lia-i18n.h"
#include "lia-record.h"
#include "lia-relationship.h"
#include "lia-report.h"
#include "lia-sensitivity.h"
#include "lia-store.h"
#include "lia-store-sync.h"
#include "lia-sync-engine.h"
#include "lia-sync-protocol.h"
#include "lia-sync-scheduler.h"
#include "lia-sync-transport.h"
#include "lia-text-normalize.h"
#include "lia-types.h"
