// A native <dialog> opened and closed by a prop. showModal() gives focus trapping, Escape and the
// backdrop for free; this keeps the element in step with the prop, after the DOM has rendered.
import { nextTick, ref, watch } from 'vue'

export interface ModalDialogHooks {
  /** Before it shows: reset what the last opening left behind. */
  beforeOpen?(): void
  /** Once it shows: put the focus where the moderator starts. */
  afterOpen?(): void
}

export function useModalDialog(isOpen: () => boolean, hooks: ModalDialogHooks = {}) {
  const dialog = ref<HTMLDialogElement | null>(null)
  watch(
    isOpen,
    async (open) => {
      await nextTick()
      if (!dialog.value) return
      if (open && !dialog.value.open) {
        hooks.beforeOpen?.()
        dialog.value.showModal()
        hooks.afterOpen?.()
      }
      if (!open && dialog.value.open) dialog.value.close()
    },
    { immediate: true },
  )
  return dialog
}
