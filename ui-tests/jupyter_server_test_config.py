"""Jupyter server for the UI tests: galata's settings, our port, Notebook 7 exposed too."""
import os

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821

c.ServerApp.port = int(os.environ.get("UI_TESTS_PORT", "8917"))  # noqa: F821
c.ServerApp.ip = "127.0.0.1"  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.JupyterNotebookApp.expose_app_in_browser = True  # noqa: F821

