# SPDX-License-Identifier: GPL-3.0-or-later
# Desktop integration installed by `cmake --install`, and the Debian package built by CPack:
#   cmake --build build --target package      (or: cd build && cpack -G DEB)
# The package declares its shared-library dependencies (dpkg-shlibdeps) plus what is loaded by name
# at run time: libsecret (QtKeychain's keychain backend) and, for the window, Qt's platform plugins.
include(GNUInstallDirs)

set(_app_id io.github.portcullis.Portcullis)
set(_linux "${CMAKE_CURRENT_LIST_DIR}/linux")

if(PORTCULLIS_BUILD_UI)
    install(FILES "${_linux}/${_app_id}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES "${_linux}/${_app_id}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
    install(FILES "${_linux}/icons/${_app_id}.svg" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
    # PNG sizes rendered from the SVG by packaging/linux/render-icons.sh (committed).
    foreach(_size 16 22 24 32 48 64 128 256 512)
        install(FILES "${_linux}/icons/hicolor/${_size}x${_size}/apps/${_app_id}.png"
                DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps")
    endforeach()
endif()

set(CPACK_PACKAGE_NAME portcullis)
set(CPACK_PACKAGE_VENDOR "The Portcullis developers")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "The Portcullis developers <portcullis@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/portcullis/portcullis")
set(CPACK_PACKAGE_DESCRIPTION
    "Exposes REST APIs described by OpenAPI 3 as Model Context Protocol servers, guards each endpoint with API keys or OAuth2, injects backend secrets from the system keychain and shows every request live.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(_depends "libsecret-1-0")
if(PORTCULLIS_BUILD_UI)
    string(APPEND _depends ", qt6-qpa-plugins")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
include(CPack)
