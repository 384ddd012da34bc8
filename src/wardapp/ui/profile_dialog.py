"""「新しい版として保存…」: the name and description of the profile version about to be written.

Every save is a new file with the next version number of that name
(:func:`wardapp.scoring.profile_files.save_new_version`): printed rosters name the version
their scores came from, so a version, once used, is never overwritten.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wardapp.scoring import Profile
from wardapp.scoring.profile_files import file_name, next_version


class SaveVersionDialog(QDialog):
    def __init__(self, profile: Profile, directory: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveProfileDialog")
        self.setWindowTitle(self.tr("Save as a new version"))
        self._profile = profile
        self._directory = directory
        self.name_edit = QLineEdit(profile.name, self)
        self.name_edit.setObjectName("profileName")
        self.name_edit.setMaxLength(100)
        self.name_edit.textChanged.connect(self._update)
        self.description_edit = QLineEdit(profile.description, self)
        self.description_edit.setObjectName("profileDescriptionEdit")
        self.version_label = QLabel(self)
        self.version_label.setObjectName("versionLabel")
        self.version_label.setWordWrap(True)
        note = QLabel(self.tr("Each save is a new file: versions already used for scores stay as they were."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        name_label = QLabel(self.tr("&Name:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        description_label = QLabel(self.tr("&Description:"), self)
        description_label.setBuddy(self.description_edit)
        form.addRow(description_label, self.description_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.version_label)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("あ") * 36, self.sizeHint().height())
        self._update()

    @Slot()
    def _update(self) -> None:
        name = self.name_edit.text().strip()
        self.save_button.setEnabled(bool(name))
        if not name:
            self.version_label.setText(self.tr("Enter a name for the profile."))
            return
        version = next_version(name, self._directory)
        self.version_label.setText(self.tr("Saved as version {version}: {path}").format(
            version=version, path=self._directory / file_name(name, version)))

    def profile(self) -> Profile:
        """The edited profile with the name and description entered here."""
        return replace(self._profile, name=self.name_edit.text().strip(),
                       description=self.description_edit.text().strip())
