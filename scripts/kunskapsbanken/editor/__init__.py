"""The form editor (`kb redigera`): project pages edited in the browser, checked by the same checker."""
