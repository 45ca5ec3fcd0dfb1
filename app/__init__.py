"""TownDesk: the window system of a township service centre (便民服务中心窗口系统)."""

__version__ = "0.1.0"
