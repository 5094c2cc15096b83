"""The reader's corrections in the window: the controller and its undo stack, the context menus,
the Merge With… picker, the Lexicon dialog and the Improve the Model dialog."""
