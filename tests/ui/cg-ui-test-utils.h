/* cg-ui-test-utils.h: helpers shared by the window and page tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "../core/cg-test-utils.h"

typedef enum {
  CG_UI_TEST_ANY,      /* shown or not */
  CG_UI_TEST_VISIBLE,  /* its visible flag set (at phone width, say, a page
                        * behind another is visible but not mapped) */
  CG_UI_TEST_MAPPED,   /* on screen */
} CgUiTestShown;

/* What a widget reads: a label's text, a button's label, a preferences
 * row's title; else NULL */
static inline const char *
cg_ui_test_widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return NULL;
}

/* The first widget under @root, @root included, depth first, that is of
 * @type, @shown, reads @text (unless NULL) and has the tooltip @tooltip
 * (unless NULL); a widget that is not @shown is passed over with all it
 * holds. */
static inline GtkWidget *
cg_ui_test_find (GtkWidget     *root,
                 GType          type,
                 CgUiTestShown  shown,
                 const char    *text,
                 const char    *tooltip)
{
  if ((shown == CG_UI_TEST_VISIBLE && !gtk_widget_get_visible (root)) ||
      (shown == CG_UI_TEST_MAPPED && !gtk_widget_get_mapped (root)))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (text == NULL || g_strcmp0 (cg_ui_test_widget_text (root), text) == 0) &&
      (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cg_ui_test_find (child, type, shown, text, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A visible label under @root reading @text, or NULL */
static inline GtkWidget *
cg_ui_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return cg_ui_test_find (root, GTK_TYPE_LABEL, CG_UI_TEST_VISIBLE, text, NULL);
}

/* Waiting: never for a time, always for what the next assertion needs.
 * Each wait runs the main context, blocking on events between checks
 * (waking at least every 10 ms to check again, as some conditions change
 * on other threads), until the condition holds; past its deadline it fails
 * the test, naming what it waited for. A busy machine makes a wait slower,
 * never wrong. */

/* How long a wait may take before the test fails (a loaded machine, a web
 * process starting) */
#define CG_UI_TEST_WAIT_SECONDS 30

static inline void
cg_ui_test_wake_cb (gpointer data)
{
  *(guint *) data = 0;
}

/* One step of a wait: fails the test past @deadline, else runs the main
 * context once, blocking until an event or 10 ms have passed. */
static inline void
cg_ui_test_wait_step (gint64      deadline,
                      int         seconds,
                      const char *what,
                      const char *file,
                      int         line)
{
  guint wake;

  if (g_get_monotonic_time () > deadline)
    g_error ("%s:%d: waited %d s for %s", file, line, seconds, what);
  wake = g_timeout_add_once (10, cg_ui_test_wake_cb, &wake);
  g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&wake, g_source_remove);
}

/* Runs the main context until the C expression @condition holds; fails
 * the test, quoting it, if it does not within @seconds. */
#define CG_UI_TEST_WAIT_FOR(condition, seconds) \
  CG_UI_TEST_WAIT_FULL_ (condition, #condition, seconds)

/* The same, within CG_UI_TEST_WAIT_SECONDS */
#define CG_UI_TEST_WAIT(condition) \
  CG_UI_TEST_WAIT_FULL_ (condition, #condition, CG_UI_TEST_WAIT_SECONDS)

/* (the two above, quoting @condition as written) */
#define CG_UI_TEST_WAIT_FULL_(condition, what, seconds) \
  G_STMT_START { \
    gint64 wait_deadline_ = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    while (!(condition)) \
      cg_ui_test_wait_step (wait_deadline_, (seconds), what, __FILE__, __LINE__); \
  } G_STMT_END

/* What cg_ui_test_wait_until() waits for */
typedef gboolean (*CgUiTestCondition) (gpointer data);

/* Runs the main context until @condition holds, or fails the test after
 * CG_UI_TEST_WAIT_SECONDS. */
static inline void
cg_ui_test_wait_until (CgUiTestCondition  condition,
                       gpointer           data,
                       const char        *what)
{
  gint64 deadline = g_get_monotonic_time () + CG_UI_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    cg_ui_test_wait_step (deadline, CG_UI_TEST_WAIT_SECONDS, what, __FILE__, __LINE__);
}

/* Runs the main context for @ms milliseconds. Only to show that something
 * does NOT happen (a timer a page must not start, say) where there is no
 * event to wait for instead; each caller says why. */
static inline void
cg_ui_test_let_time_pass (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  gint64 now;

  while ((now = g_get_monotonic_time ()) < end)
    {
      guint wake = g_timeout_add_once (MAX ((end - now) / 1000, 1), cg_ui_test_wake_cb, &wake);

      g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&wake, g_source_remove);
    }
}

/* Dispatches the sources that are ready now (queued events, idle
 * callbacks), without waiting for any: to show that something does NOT
 * happen at once. (Not "until nothing is pending": a slow machine with an
 * animation running always has its next frame due.) */
static inline void
cg_ui_test_run_ready (void)
{
  g_main_context_iteration (NULL, FALSE);
}

/* cg_ui_test_find(), running the main context until the widget is there
 * (a revealer that opens, a list filled in an idle callback); fails the
 * test if it is not within CG_UI_TEST_WAIT_SECONDS. */
static inline GtkWidget *
cg_ui_test_wait_find (GtkWidget     *root,
                      GType          type,
                      CgUiTestShown  shown,
                      const char    *text,
                      const char    *tooltip)
{
  GtkWidget *found;

  CG_UI_TEST_WAIT ((found = cg_ui_test_find (root, type, shown, text, tooltip)) != NULL);
  return found;
}

/* Waits until @model holds @n items. */
static inline void
cg_ui_test_wait_n_items (GListModel *model,
                         guint       n)
{
  CG_UI_TEST_WAIT (g_list_model_get_n_items (model) == n);
}

static inline void
cg_ui_test_count_cb (GdkFrameClock *clock,
                     guint         *count)
{
  (*count)++;
}

/* Waits until @widget is on screen with a size, then until a frame has
 * painted it (the frame clock's "after-paint" of a frame that drew it):
 * what it shows, and what its drawing computes (the places of a chart's
 * items, say), is then current. */
static inline void
cg_ui_test_wait_drawn (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong handler;

  CG_UI_TEST_WAIT (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
                   gtk_widget_get_height (widget) > 0);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (cg_ui_test_count_cb), &painted);
  gtk_widget_queue_draw (widget);
  CG_UI_TEST_WAIT (painted > 0);
  g_signal_handler_disconnect (clock, handler);
}

/* Waits until the window of @widget has gone through a whole frame
 * (layout and paint) from now: a size, a child shown or hidden, a
 * scrolled position has then been laid out. */
static inline void
cg_ui_test_wait_frame (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_native (widget));

  cg_ui_test_wait_drawn (root != NULL ? root : widget);
}

static inline gboolean
cg_ui_test_is_visible_cb (gpointer widget)
{
  return gtk_widget_get_visible (GTK_WIDGET (widget));
}

static inline gboolean
cg_ui_test_is_hidden_cb (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}

static inline gboolean
cg_ui_test_is_active_cb (gpointer window)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}
