"""What pyproject.toml cannot say: ship the top-level ``resources/`` inside the package.

The repository keeps ``resources/`` (models, name lists, samples, icons,
translations) beside ``reader/``; the wheel and the sdist carry it as the
data folder ``reader/_resources``, where ``reader.resources`` finds it once
installed. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA = "reader._resources"
data_packages = [DATA, *(f"{DATA}.{name}" for name in find_namespace_packages(where="resources"))]

setup(
    packages=[*find_packages(include=["reader", "reader.*"]), *data_packages],
    package_dir={DATA: "resources"},
    package_data={"reader": ["py.typed"], **{name: ["*"] for name in data_packages}},
    # compiled translations are build output (an app bundle makes its own)
    exclude_package_data={name: ["*.qm"] for name in data_packages},
)
